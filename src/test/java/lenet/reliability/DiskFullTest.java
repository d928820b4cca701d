package lenet.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.cli.CliRun;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.StopSignal;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import lenet.testing.MnistImages;
import lenet.training.TrainOptions;
import lenet.training.Trainer;
import lenet.training.TrainingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that is nearly full, or fills during training, on a small tmpfs of its own: the free-space check refuses a
 * run before it starts, and a save that fails mid-run keeps the last checkpoint and says how to go on. Mounting
 * needs root (CI runs as root); elsewhere the test says so and is skipped.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    Path disk;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        disk = Files.createDirectory(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", disk.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(
                mount.waitFor() == 0, "a 6 MB tmpfs cannot be mounted here (needs root): " + output.strip());
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    @Test
    void lessThan4MbFreeRefusesTheRunBeforeItStarts() throws Exception {
        fill(disk.resolve("ballast"), 3 << 20); // 3 of 6 MB left
        Path output = disk.resolve("m.zip");

        CliRun run = CliRun.of("train", "--epochs", "1", "--limit", "300", "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet: " + output + ": not enough free space for checkpoints in " + disk + " (")
                .endsWith(" KB free; training needs 4 MB)");
        try (var files = Files.list(disk)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("ballast");
        }
    }

    @Test
    void aDiskThatFillsDuringTrainingKeepsTheLastCheckpointAndSaysHowToGoOn() throws Exception {
        Path output = disk.resolve("m.zip");
        TrainOptions options = new TrainOptions(
                HyperParameters.plain()
                        .epochs(3)
                        .batchSize(64)
                        .learningRate(0.002)
                        .shift(0)
                        .seed(5)
                        .valSize(200)
                        .limit(1_000)
                        .build(),
                MnistImages.source(),
                output);
        TrainingListener fillAfterEpoch1 = new TrainingListener() {
            @Override
            public void epochDone(EpochMetrics result) {
                if (result.epoch() == 1) {
                    try {
                        fill(disk.resolve("ballast"), Long.MAX_VALUE); // another program takes the rest
                    } catch (IOException e) {
                        // the disk is full: that is the point
                    }
                }
            }
        };

        Throwable thrown = catchThrowable(() -> Trainer.train(options, null, fillAfterEpoch1, StopSignal.none()));

        assertThat(thrown).isInstanceOf(LenetException.class);
        assertThat(((LenetException) thrown).exitCode()).isEqualTo(2);
        assertThat(thrown.getMessage())
                .startsWith(LenetHome.display(disk) + "/m")
                .contains("No space left on device")
                .endsWith("; once that is fixed, go on from the last checkpoint saved with: lenet train --resume "
                        + LenetHome.display(disk.resolve("m-last.zip")));
        Checkpoints.Loaded last = Checkpoints.load(disk.resolve("m-last.zip"), true);
        assertThat(last.metadata().training().epoch())
                .as("the checkpoint of epoch 1, whole")
                .isEqualTo(2);
        try (var files = Files.list(disk)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .as("no temporary file left")
                    .isEmpty();
        }
    }

    /** Writes up to {@code bytes} of zeros, or until the disk is full. */
    static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }
}
