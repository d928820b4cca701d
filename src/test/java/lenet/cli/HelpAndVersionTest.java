package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    void versionNamesLenetDl4jAndTheBackend() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).hasSize(3);
        assertThat(run.outLines().get(0)).matches("lenet \\d+\\.\\d+\\.\\d+.*");
        assertThat(run.outLines().get(1)).startsWith("DL4J 1.0.0-M2.1, backend CPU");
        assertThat(run.outLines().get(2)).startsWith("Java 17");
    }
}
