package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lenet.testing.ChildJvm;
import org.junit.jupiter.api.Test;

class HelpAndVersionTest {

    @Test
    void topLevelHelpListsCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Usage: lenet", "train", "help", "--verbose", "--version")
                .contains("Exit codes:", "130", "bad usage or bad input")
                .contains("Memory:", "1 GB heap (-Xmx1g)");
    }

    @Test
    void trainHelpStatesEveryDefault() {
        CliRun run = CliRun.of("help", "train");

        assertThat(run.exitCode()).isZero();
        String help = run.out().replaceAll("\\s+", " "); // as read, not as wrapped
        assertThat(help)
                .contains("--epochs=N Passes over the training images (default: 10).")
                .contains("--batch-size=N Images per gradient step (default: 128).")
                .contains("--lr=RATE", "(default: 0.002).")
                .contains("--gamma=FACTOR", "(default: 0.7).")
                .contains("--shift=PIXELS", "(default: 2).")
                .contains("--seed=N", "(default: 42).")
                .contains("--val-size=N", "(default: 5000).")
                .contains("--limit=N", "(default: all).")
                .contains("--workers=N", "(default: 1).")
                .contains("--output=FILE", "models/lenet.zip")
                .contains("--data-dir=DIR", "--json", "--verbose", "--backend=auto|cpu|gpu", "--threads=N");
    }

    @Test
    void versionNamesLenetDl4jAndJava() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).hasSize(3);
        assertThat(run.outLines().get(0)).matches("lenet \\d+\\.\\d+\\.\\d+.*");
        assertThat(run.outLines().get(1)).isEqualTo("DL4J 1.0.0-M2.1 (lenet info shows the backend that loads)");
        assertThat(run.outLines().get(2))
                .startsWith("Java " + System.getProperty("java.version"))
                .endsWith(" at " + System.getProperty("java.home"));
    }

    @Test
    void versionAnswersWhereNd4jsNativesCannotLoad() throws Exception {
        // JavaCPP looks for the natives of a platform nobody builds: loading ND4J fails
        List<String> broken = List.of("-Dorg.bytedeco.javacpp.platform=linux-nowhere");
        ChildJvm.Result info = ChildJvm.run(broken, Map.of(), List.of("info"), 120);
        assertThat(info.exitCode())
                .as("the oracle: ND4J cannot load in this JVM")
                .isNotZero();

        ChildJvm.Result version = ChildJvm.run(broken, Map.of(), List.of("--version"), 120);
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out().lines()).hasSize(3).first().asString().startsWith("lenet ");
        assertThat(version.err()).isEmpty();
    }

    @Test
    void generateCompletionPrintsABashCompletionScriptForEveryCommand() {
        CliRun run = CliRun.of("generate-completion");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_lenet");
        for (String command : List.of("train", "eval", "predict", "inspect", "info")) {
            assertThat(run.out()).as(command).contains("function _picocli_lenet_" + command + "()");
        }
        assertThat(run.err()).isEmpty();
    }
}
