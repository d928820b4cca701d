package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train's refusals and warnings: bad outputs and data folders, --verbose's stack trace, a picture that cannot be written. */
class TrainCommandErrorsTest {
    @TempDir
    Path dir;

    @Test
    void anOutputThatCannotBeWrittenIsReportedBeforeTraining() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "in the way");

        CliRun run = CliRun.of(
                "train",
                "--epochs",
                "1",
                "--limit",
                "500",
                "--output",
                blocker.resolve("m.zip").toString());
        CliRun folder = CliRun.of("train", "--epochs", "1", "--limit", "500", "--output", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty(); // no epoch was trained
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo("lenet: " + blocker.resolve("m.zip") + ": cannot write checkpoints to folder " + blocker
                        + " (a file of that name is in the way)");
        assertThat(blocker).hasContent("in the way");
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.errLines())
                .singleElement()
                .asString()
                .isEqualTo("lenet: " + dir + ": is a folder; --output must name a file");
    }

    @Test
    void brokenDataFolderIsOneLineAndExit2() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("train-images-idx3-ubyte"), "not mnist");

        CliRun run = CliRun.of(
                "train",
                "--data-dir",
                data.toString(),
                "--output",
                dir.resolve("x.zip").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet: " + data.resolve("train-images-idx3-ubyte"))
                .contains("truncated", "of its 47,040,016 bytes");
        assertThat(dir.resolve("x.zip")).doesNotExist();
    }

    @Test
    void verboseShowsTheStackTraceOfAnError() throws Exception {
        Path data = Files.createDirectories(dir.resolve("empty"));

        CliRun quiet = CliRun.of("train", "--data-dir", data.toString());
        CliRun verbose = CliRun.of("--verbose", "train", "--data-dir", data.toString());

        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(verbose.err()).contains("\tat lenet.data.DatasetFiles");
        assertThat(verbose.exitCode()).isEqualTo(quiet.exitCode()).isEqualTo(2);
    }

    @Test
    void aCurvesPictureThatCannotBeWrittenIsAWarningAndTrainingGoesOn() throws Exception {
        Path blocked = Files.createDirectories(dir.resolve("w.curves.png"));
        Files.writeString(blocked.resolve("keep"), "a folder in the way");

        CliRun run = CliRun.of(
                "train",
                "--epochs",
                "2",
                "--limit",
                "500",
                "--val-size",
                "200",
                "--output",
                dir.resolve("w.zip").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines().stream()
                        .filter(l -> l.startsWith("lenet: warning: " + blocked + ": cannot write " + "picture")))
                .hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("w.metrics.csv"))).hasSize(3);
        assertThat(run.outLines().get(3))
                .as("the table's head, two epochs, then")
                .startsWith("test accuracy ");
        assertThat(blocked.resolve("keep")).hasContent("a folder in the way");
    }
}
