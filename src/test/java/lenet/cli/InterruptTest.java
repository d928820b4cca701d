package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lenet.checkpoint.CheckpointMetadata.TrainingState;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetHome;
import lenet.testing.LenetChild;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real signals to a real {@code lenet train} in a child JVM: Ctrl-C (SIGINT) or SIGTERM saves where training stands
 * and exits 130 (143 for SIGTERM), the run resumes to the same result as one never stopped, and a second Ctrl-C quits
 * at once without writing anything.
 */
@Tag("cpu-sensitive")
class InterruptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<String> trainArgs(Path output, String batchSize) {
        return List.of(
                "train",
                "--json",
                "--epochs",
                "3",
                "--limit",
                "12000",
                "--val-size",
                "1000",
                "--batch-size",
                batchSize,
                "--seed",
                "5",
                "--output",
                output.toString());
    }

    @Test
    void ctrlCSavesWhereTrainingStandsAndTheResumedRunEndsAsAStraightOne() throws Exception {
        Path output = dir.resolve("sig.zip");
        LenetChild child = LenetChild.start(trainArgs(output, "128"));
        child.awaitOutLines(1);
        child.signal("INT");

        assertThat(child.exitCode()).as(child.err()).isEqualTo(130);
        Path last = dir.resolve("sig-last.zip");
        assertThat(child.err())
                .contains("lenet: stopping ")
                .contains("lenet: interrupted ")
                .contains("saved " + LenetHome.display(last))
                .contains("resume with: lenet train --resume " + LenetHome.display(last));
        assertThat(child.err()).doesNotContain("Exception", "INFO");
        TrainingState state = Checkpoints.readMetadata(last).training();
        assertThat(state.epoch()).isEqualTo(2);
        assertThat(state.history()).hasSize(1);

        CliRun resumed = CliRun.of("train", "--json", "--resume", last.toString());
        CliRun straight =
                CliRun.of(trainArgs(dir.resolve("straight.zip"), "128").toArray(String[]::new));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(straight.exitCode()).as(straight.err()).isZero();
        List<String> straightLines = straight.outLines();
        List<String> resumedLines = resumed.outLines();
        assertThat(resumedLines).hasSize(3); // epochs 2 and 3, then the test result
        assertThat(JSON.readTree(resumedLines.get(0)).get("epoch").asInt()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonNode a = JSON.readTree(resumedLines.get(i));
            JsonNode b = JSON.readTree(straightLines.get(i + 1));
            assertThat(a.get("val_accuracy")).isEqualTo(b.get("val_accuracy"));
            assertThat(a.get("val_loss")).isEqualTo(b.get("val_loss"));
            assertThat(a.get("train_loss")).isEqualTo(b.get("train_loss"));
        }
        assertThat(JSON.readTree(resumedLines.get(2)).get("test_accuracy"))
                .isEqualTo(JSON.readTree(straightLines.get(3)).get("test_accuracy"));
        assertThat(Checkpoints.load(last, false).network().params().data().asFloat())
                .containsExactly(Checkpoints.load(dir.resolve("straight-last.zip"), false)
                        .network()
                        .params()
                        .data()
                        .asFloat());
    }

    @Test
    void sigtermStopsLikeCtrlC() throws Exception {
        Path output = dir.resolve("term.zip");
        LenetChild child = LenetChild.start(trainArgs(output, "128"));
        child.awaitOutLines(1);
        child.signal("TERM");

        assertThat(child.exitCode()).as(child.err()).isEqualTo(143);
        assertThat(child.err()).contains("resume with: lenet train --resume");
        assertThat(Checkpoints.readMetadata(dir.resolve("term-last.zip"))
                        .training()
                        .epoch())
                .isEqualTo(2);
    }

    @Test
    void secondCtrlCQuitsAtOnceAndLeavesTheFilesAsTheyWere() throws Exception {
        Path output = dir.resolve("twice.zip");
        // batches of 3,000 images take long enough that both signals land inside one batch
        LenetChild child = LenetChild.start(trainArgs(output, "3000"));
        child.awaitOutLines(1);
        List<String> names = List.of("twice.zip", "twice-last.zip", "twice.metrics.csv", "twice.curves.png");
        List<byte[]> before = new ArrayList<>();
        for (String name : names) {
            before.add(Files.readAllBytes(dir.resolve(name)));
        }
        child.signal("INT");
        child.awaitErr("lenet: stopping "); // the first has landed: the second comes within the batch
        child.signal("INT");

        assertThat(child.exitCode()).as(child.err()).isEqualTo(130);
        assertThat(child.err()).contains("lenet: stopping ").doesNotContain("lenet: interrupted");
        for (int i = 0; i < names.size(); i++) {
            assertThat(Files.readAllBytes(dir.resolve(names.get(i))))
                    .as(names.get(i))
                    .isEqualTo(before.get(i));
        }
        // and no other file but the run's lock file, which a process that quits at once leaves (not its lock)
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(names.stream(), Stream.of(".twice.zip.lock"))
                            .toList());
        }
    }
}
