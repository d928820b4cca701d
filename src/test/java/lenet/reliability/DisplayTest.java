package lenet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lenet.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training draws its curves with Java2D after every epoch. An X display that does not answer (a stale DISPLAY over
 * ssh) must not end the run: lenet runs headless; and where drawing fails anyway, the curves are a warning.
 */
class DisplayTest {
    /** A display nobody serves: connecting to it fails at once. */
    static final Map<String, String> DEAD_DISPLAY = Map.of("DISPLAY", "127.0.0.1:99");

    static final List<String> SHORT_RUN =
            List.of("train", "--epochs", "1", "--limit", "500", "--val-size", "100", "--output");

    @TempDir
    Path dir;

    @Test
    void aDisplayThatDoesNotAnswerDoesNotStopTraining() throws Exception {
        Path model = dir.resolve("m.zip");
        ChildJvm.Result run = ChildJvm.run(List.of("-Xmx1g"), DEAD_DISPLAY, args(model), 300);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("lenet: ");
        assertThat(dir.resolve("m.curves.png")).isNotEmptyFile();
        assertThat(dir.resolve("m.metrics.csv")).isNotEmptyFile();
    }

    @Test
    void curvesThatCannotBeDrawnAreAWarning() throws Exception {
        Path model = dir.resolve("m.zip");
        // headless off, as a user could set it: drawing then needs the display, which does not answer
        ChildJvm.Result run =
                ChildJvm.run(List.of("-Xmx1g", "-Djava.awt.headless=false"), DEAD_DISPLAY, args(model), 300);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> l.startsWith("lenet: ")))
                .singleElement()
                .asString()
                .startsWith("lenet: warning: " + dir.resolve("m.curves.png") + ": cannot draw the training curves (")
                .contains("X11")
                .endsWith("); training goes on");
        assertThat(run.out()).contains("test accuracy");
        assertThat(model).isNotEmptyFile();
        assertThat(dir.resolve("m-last.zip")).isNotEmptyFile();
        assertThat(dir.resolve("m.metrics.csv")).isNotEmptyFile();
        assertThat(dir.resolve("m.curves.png")).doesNotExist();
    }

    private static List<String> args(Path model) {
        List<String> args = new java.util.ArrayList<>(SHORT_RUN);
        args.add(model.toString());
        return args;
    }
}
