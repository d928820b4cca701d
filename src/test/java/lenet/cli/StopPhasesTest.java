package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetHome;
import lenet.testing.LenetChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (or SIGTERM) in every phase of a real {@code lenet train} process: the run is held at the phase
 * ({@code lenet.core.TestHold}), the signal sent there, then the run let go. Each phase ends with one line saying where
 * it stopped and what to run next, the signal's exit code, and files that are all whole; the command it prints goes on
 * to the end.
 */
class StopPhasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<String> train(String name) {
        return List.of(
                "train",
                "--json",
                "--epochs",
                "2",
                "--limit",
                "2000",
                "--val-size",
                "500",
                "--seed",
                "3",
                "--output",
                dir.resolve(name + ".zip").toString());
    }

    /** Holds a run at {@code point}, sends {@code signal} there, lets it go; returns the ended child. */
    private LenetChild stopAt(String point, String signal, String name) throws Exception {
        LenetChild child = LenetChild.holdingAt(point, train(name));
        child.awaitHold(point);
        child.signal(signal);
        child.awaitErr("lenet: stopping "); // the signal has landed in that phase
        child.release();
        child.exitCode();
        return child;
    }

    private String file(String name) {
        return LenetHome.display(dir.resolve(name));
    }

    @Test
    void duringStartUpNothingIsReadOrWritten() throws Exception {
        LenetChild child = stopAt("start-up", "INT", "s");

        assertThat(child.exitCode()).isEqualTo(130);
        assertThat(child.lastErrLine())
                .isEqualTo("lenet: interrupted while starting up: nothing was read or written; run the same command "
                        + "again to start");
        assertThat(files()).isEmpty();
    }

    @Test
    void whileTheDataIsLoadedNothingIsWritten() throws Exception {
        LenetChild child = stopAt("data", "TERM", "d");

        assertThat(child.exitCode()).isEqualTo(143);
        assertThat(child.lastErrLine())
                .isEqualTo("lenet: interrupted before training started: nothing was written; run the same command "
                        + "again to start");
        assertThat(files()).isEmpty();
    }

    @Test
    void insideAnEpochTheModelSoFarIsSavedAndResumes() throws Exception {
        LenetChild child = stopAt("batch", "INT", "b");

        assertThat(child.exitCode()).isEqualTo(130);
        assertThat(child.lastErrLine())
                .isEqualTo("lenet: interrupted in epoch 1/2 after 1 batches: saved " + file("b-last.zip")
                        + ", and the model so far as " + file("b.zip") + "; resume with: lenet train --resume "
                        + file("b-last.zip"));
        assertFilesWhole("b-last.zip", "b.zip");
        assertFinishes(child, 2);
    }

    @Test
    void duringValidationTheEpochIsFinishedAndSaved() throws Exception {
        LenetChild child = stopAt("validation", "INT", "v");

        assertThat(child.exitCode()).isEqualTo(130);
        assertThat(child.outLines()).as("epoch 1 is reported").hasSize(1);
        assertThat(child.lastErrLine()).isEqualTo(afterEpoch1("v"));
        assertFilesWhole("v-last.zip", "v.zip", "v.metrics.csv", "v.curves.png");
        assertFinishes(child, 1);
    }

    @Test
    void whileACheckpointIsWrittenItIsFinishedWhole() throws Exception {
        LenetChild child = stopAt("checkpoint", "TERM", "c");

        assertThat(child.exitCode()).isEqualTo(143);
        assertThat(child.lastErrLine()).isEqualTo(afterEpoch1("c"));
        assertFilesWhole("c-last.zip", "c.zip", "c.metrics.csv", "c.curves.png");
        assertFinishes(child, 1);
    }

    @Test
    void duringTheTestEvaluationTheResumeTestsAndRecordsIt() throws Exception {
        LenetChild child = stopAt("test", "INT", "t");

        assertThat(child.exitCode()).isEqualTo(130);
        assertThat(child.outLines()).as("both epochs reported, no test line").hasSize(2);
        assertThat(child.lastErrLine())
                .isEqualTo("lenet: interrupted after the last epoch (2/2), before the test accuracy was recorded: the "
                        + "models are written; test the best and finish the run with: lenet train --resume "
                        + file("t-last.zip"));
        assertThat(Checkpoints.readMetadata(dir.resolve("t.zip")).testAccuracy())
                .isNull();
        assertFilesWhole("t-last.zip", "t.zip", "t.metrics.csv", "t.curves.png");

        assertFinishes(child, 0);

        CliRun again = CliRun.of("train", "--resume", dir.resolve("t-last.zip").toString());
        assertThat(again.exitCode()).as("a finished run is over").isEqualTo(2);
    }

    private String afterEpoch1(String name) {
        return "lenet: interrupted after epoch 1/2: saved " + file(name + "-last.zip") + "; best model so far "
                + "(epoch 1): " + file(name + ".zip") + "; resume with: lenet train --resume "
                + file(name + "-last.zip");
    }

    /**
     * Runs the command the stopped run printed, with {@code --json}: it trains {@code epochLines} more epoch lines,
     * exits 0 and prints the test accuracy it records in the best model.
     */
    private void assertFinishes(LenetChild stopped, int epochLines) throws Exception {
        String line = stopped.lastErrLine();
        List<String> command =
                new ArrayList<>(Arrays.asList(line.substring(line.lastIndexOf("with: lenet ") + "with: lenet ".length())
                        .split(" ")));
        command.add("--json");
        CliRun resumed = CliRun.of(command.toArray(String[]::new));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        List<String> lines = resumed.outLines();
        assertThat(lines).hasSize(epochLines + 1);
        JsonNode result = JSON.readTree(lines.get(lines.size() - 1));
        Path model = Path.of(result.get("model").asText());
        assertThat(Checkpoints.readMetadata(model).testAccuracy())
                .isEqualTo(result.get("test_accuracy").asDouble(), org.assertj.core.data.Offset.offset(1e-6))
                .isGreaterThan(0.5);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    /**
     * Exactly these files are there (no temporary file beside them, and the run's lock file removed), and every
     * checkpoint loads.
     */
    private void assertFilesWhole(String... names) throws Exception {
        assertThat(files()).containsExactlyInAnyOrder(names);
        for (String name : names) {
            if (name.endsWith(".zip")) {
                assertThat(Checkpoints.load(dir.resolve(name), true).network().numParams())
                        .as(name)
                        .isEqualTo(61_706);
            }
        }
    }
}
