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
                .contains("--limit=N", "(default: all).");
        // each option's own default: the first "(default: X)" after its name
        java.util.Map<String, String> defaults = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(--[a-z-]+)=[A-Z]+ .*?\\(default: ([^)]*)\\)")
                .matcher(help);
        while (m.find()) {
            defaults.putIfAbsent(m.group(1), m.group(2));
        }
        assertThat(defaults)
                .containsEntry("--lr", "0.004")
                .containsEntry("--gamma", "0.7")
                .containsEntry("--shift", "2")
                .containsEntry("--rotate", "10")
                .containsEntry("--scale", "0.1")
                .containsEntry("--shear", "0.2")
                .containsEntry("--elastic", "1")
                .containsEntry("--thicken", "0")
                .containsEntry("--label-smoothing", "0.1")
                .containsEntry("--schedule", "cosine")
                .containsEntry("--seed", "42")
                .containsEntry("--val-size", "0")
                .containsEntry("--workers", "1")
                .containsEntry("--patience", "0");
        assertThat(run.out().replaceAll("\\s+", "")).contains("--output=FILE", "models/lenet.zip");
        assertThat(help).contains("--data-dir=DIR", "--json", "--verbose", "--backend=auto|cpu|gpu", "--threads=N");
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
                .isEqualTo(1);
        assertThat(info.err().lines())
                .as("one line naming the platform and what is missing, no stack trace")
                .containsExactly("lenet: ND4J's native code cannot load on linux-nowhere: this build has none for"
                        + " this platform (no jniopenblas_nolapack); build lenet on this machine (./lenet does), or"
                        + " with mvn -Djavacpp.platform=linux-nowhere package");

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
