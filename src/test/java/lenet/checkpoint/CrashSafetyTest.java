package lenet.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lenet.core.TestHold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 in the middle of saving: a child JVM saves a checkpoint in a loop and is killed with SIGKILL at seeded
 * random moments, and in every other round while it is held half-way through writing the file (at
 * {@code lenet.core.TestHold}'s "checkpoint"), where a kill lands mid-write for certain. Whatever is on disk afterwards
 * must be a complete checkpoint, the last one reported saved or the one after it, never a partial file.
 */
class CrashSafetyTest {
    private static final int ROUNDS = 8;

    @TempDir
    Path dir;

    @Test
    void killingTheWriterLeavesTheOldOrTheNewCheckpoint() throws Exception {
        Path target = dir.resolve("lenet-last.zip");
        Random random = new Random(6);
        int next = 1;
        int killedMidWrite = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean held = round % 2 == 1;
            Process child = new ProcessBuilder(javaCommand(target, next, held))
                    .redirectErrorStream(true)
                    .start();
            SaveCounter saves = new SaveCounter(child);
            saves.start();
            if (held) {
                saves.awaitHold(); // the first save of this child is half written
            } else {
                saves.awaitSaves(1 + random.nextInt(3));
                Thread.sleep(random.nextInt(150));
            }
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            saves.join(30_000);
            int lastSaved = held ? next - 1 : saves.last();
            if (!temporaryFiles().isEmpty()) {
                killedMidWrite++;
            }
            if (held) {
                assertThat(temporaryFiles())
                        .as("round %d: the half-written file", round)
                        .isNotEmpty();
            }

            CheckpointMetadata onDisk = Checkpoints.load(target, true).metadata();
            assertThat(onDisk.epochs()).as("round %d", round).isBetween(lastSaved, held ? lastSaved : lastSaved + 1);
            next = onDisk.epochs() + 1;
        }
        assertThat(killedMidWrite)
                .as("kills that landed while a checkpoint was being written")
                .isGreaterThanOrEqualTo(ROUNDS / 2);
    }

    /** Reads the child's "saved N" lines as they come; what it printed before the kill is all there is. */
    private static final class SaveCounter extends Thread {
        private final Process child;
        private int count;
        private int last = -1;
        private boolean held;

        SaveCounter(Process child) {
            this.child = child;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("saved ")) {
                        saved(Integer.parseInt(line.substring("saved ".length())));
                    } else if (line.equals("lenet-test: holding at checkpoint")) {
                        holding();
                    }
                }
            } catch (java.io.IOException e) {
                // the stream ends with the killed process
            }
        }

        private synchronized void holding() {
            held = true;
            notifyAll();
        }

        synchronized void awaitHold() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!held && System.currentTimeMillis() < deadline && child.isAlive()) {
                wait(100);
            }
            assertThat(held).as("held while writing").isTrue();
        }

        private synchronized void saved(int epoch) {
            last = epoch;
            count++;
            notifyAll();
        }

        synchronized void awaitSaves(int saves) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (count < saves && System.currentTimeMillis() < deadline && child.isAlive()) {
                wait(100);
            }
            assertThat(count).as("complete saves before the kill").isGreaterThanOrEqualTo(saves);
        }

        synchronized int last() {
            return last;
        }
    }

    private List<Path> temporaryFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }

    private static List<String> javaCommand(Path target, int firstEpoch, boolean held) {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return List.of(
                java.toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-D" + TestHold.PROPERTY + "=" + (held ? "checkpoint" : "none"),
                "-cp",
                System.getProperty("java.class.path"),
                SaveLoop.class.getName(),
                target.toString(),
                Integer.toString(firstEpoch));
    }
}
