package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import lenet.checkpoint.Checkpoints;
import lenet.checkpoint.WriterLock;
import lenet.core.LenetHome;
import lenet.testing.ChildJvm;
import lenet.testing.LenetChild;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code lenet train} processes and one output: the second refuses at once, before it reads any data, and
 * the first goes on untouched; a writer killed with {@code kill -9} leaves no lock behind; and the test accuracy a run
 * prints and records is that of its own model, whatever happened to the file meanwhile.
 */
class TwoWritersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<String> train(Path output, String seed, String... more) {
        return train(output, seed, 500, more);
    }

    private List<String> train(Path output, String seed, int valSize, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--json", "--epochs", "1", "--limit", "2000"));
        args.addAll(List.of("--val-size", Integer.toString(valSize), "--seed", seed, "--output", output.toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aSecondRunOnTheSameOutputRefusesAndTheFirstGoesOn() throws Exception {
        Path output = dir.resolve("m.zip");
        LenetChild first = LenetChild.holdingAt("validation", train(output, "42"));
        first.awaitHold("validation");

        // no MNIST in the second run's data folder: it must refuse before it looks for any
        ChildJvm.Result second = ChildJvm.run(
                List.of("-Xmx1g"),
                Map.of(),
                train(output, "7", "--data-dir", dir.resolve("no-such-folder").toString()),
                120);

        assertThat(second.exitCode()).as(second.err()).isEqualTo(2);
        assertThat(second.err().lines())
                .containsExactly("lenet: " + LenetHome.display(output) + ": another lenet train (process "
                        + first.pid() + ") is writing this model and the files beside it; wait for it to end, or "
                        + "give --output another file");
        assertThat(second.out()).isEmpty();

        assertThat(WriterLock.fileFor(output)).exists();
        first.release();
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(WriterLock.fileFor(output)).as("removed at the end").doesNotExist();
        assertThat(Checkpoints.readMetadata(output).hyperParameters().seed()).isEqualTo(42);
        assertThat(Checkpoints.readMetadata(dir.resolve("m-last.zip"))
                        .hyperParameters()
                        .seed())
                .isEqualTo(42);
        assertThat(Checkpoints.readMetadata(output).testAccuracy()).isNotNull();
    }

    @Test
    void aWriterKilledWithKill9LeavesNoLockBehind() throws Exception {
        Path output = dir.resolve("k.zip");
        LenetChild killed = LenetChild.holdingAt("validation", train(output, "42"));
        killed.awaitHold("validation");
        killed.signal("KILL");
        assertThat(killed.exitCode()).isEqualTo(128 + 9);
        assertThat(WriterLock.fileFor(output))
                .as("left by the killed run, its lock gone with it")
                .exists();

        ChildJvm.Result next = ChildJvm.run(List.of("-Xmx1g"), Map.of(), train(output, "7"), 120);

        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(Checkpoints.readMetadata(output).hyperParameters().seed()).isEqualTo(7);
    }

    @Test
    void theTestAccuracyIsOfTheRunsOwnModelWhateverHappensToTheFile() throws Exception {
        Path output = dir.resolve("own.zip");
        // without validation the best model is the last epoch's: NAME-last.zip holds the same weights
        LenetChild run = LenetChild.holdingAt("test", train(output, "42", 0));
        run.awaitHold("test");
        Path intruder = TestModel.untrained(dir.resolve("untrained.zip"));
        Files.copy(intruder, output, StandardCopyOption.REPLACE_EXISTING);
        run.release();

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.outLines();
        double printed =
                JSON.readTree(lines.get(lines.size() - 1)).get("test_accuracy").asDouble();
        CliRun oracle = CliRun.of(
                "eval", "--json", "--model", dir.resolve("own-last.zip").toString());
        JsonNode report = JSON.readTree(oracle.out());
        assertThat(oracle.exitCode()).as(oracle.err()).isZero();

        assertThat(printed)
                .isEqualTo(report.get("accuracy").asDouble(), org.assertj.core.data.Offset.offset(1e-6))
                .isGreaterThan(0.5); // an untrained model reads about one digit in ten
        assertThat(Checkpoints.load(output, false).network().params().data().asFloat())
                .as("the run's own model, not the file put there meanwhile")
                .containsExactly(Checkpoints.load(dir.resolve("own-last.zip"), false)
                        .network()
                        .params()
                        .data()
                        .asFloat());
        assertThat(Checkpoints.readMetadata(output).testAccuracy())
                .isEqualTo(printed, org.assertj.core.data.Offset.offset(1e-6));
    }
}
