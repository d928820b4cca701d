package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageErrorsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--epochs     | 0    | Invalid value for option '--epochs': 0 (must be at least 1)",
                "--epochs     | -3   | Invalid value for option '--epochs': -3 (must be at least 1)",
                "--batch-size | -1   | Invalid value for option '--batch-size': -1 (must be at least 1)",
                "--batch-size | 0    | Invalid value for option '--batch-size': 0 (must be at least 1)",
                "--lr         | abc  | Invalid value for option '--lr': 'abc' is not a double",
                "--lr         | 0    | Invalid value for option '--lr': 0.0 (must be above 0 and at most 1)",
                "--gamma      | 1.5  | Invalid value for option '--gamma': 1.5 (must be above 0 and at most 1)",
                "--val-size   | 60000| Invalid value for option '--val-size': 60000 (must be between 0 and 59999)",
                "--limit      | 0    | Invalid value for option '--limit': 0 (must be at least 1)",
                "--epochs     | ten  | Invalid value for option '--epochs': 'ten' is not an int",
                "--lr         | 1.5  | Invalid value for option '--lr': 1.5 (must be above 0 and at most 1)",
                "--gamma      | 0    | Invalid value for option '--gamma': 0.0 (must be above 0 and at most 1)",
                "--shift      | -1   | Invalid value for option '--shift': -1 (must be between 0 and 8)",
                "--shift      | 9    | Invalid value for option '--shift': 9 (must be between 0 and 8)",
                "--val-size   | -1   | Invalid value for option '--val-size': -1 (must be between 0 and 59999)",
                "--workers    | 0    | Invalid value for option '--workers': 0 (must be between 1 and 64)",
                "--workers    | 65   | Invalid value for option '--workers': 65 (must be between 1 and 64)",
                "--output     | ''   | Invalid value for option '--output':  (must name a file)",
                "--patience   | -1   | Invalid value for option '--patience': -1 (must be at least 0)",
                "--rotate     | 91   | Invalid value for option '--rotate': 91.0 (must be between 0 and 90)",
                "--rotate     | -1   | Invalid value for option '--rotate': -1.0 (must be between 0 and 90)",
                "--scale      | 1    | Invalid value for option '--scale': 1.0 (must be at least 0 and below 1)",
                "--shear      | 1.5  | Invalid value for option '--shear': 1.5 (must be between 0 and 1)",
                "--elastic    | 9    | Invalid value for option '--elastic': 9.0 (must be between 0 and 8)",
                "--thicken    | -0.1 | Invalid value for option '--thicken': -0.1 (must be between 0 and 1)",
                "--flagged-ones | 1.5 | Invalid value for option '--flagged-ones': 1.5 (must be between 0 and 1)",
                "--label-smoothing | 1 | Invalid value for option '--label-smoothing': 1.0 (must be at least 0 and below 1)",
                "--schedule   | step | Invalid value for option '--schedule': step (must be exponential or cosine)",
            })
    void outOfRangeValuesExit2WithOneLine(String option, String value, String expected) {
        CliRun run = CliRun.of("train", option, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet train: " + expected)
                .endsWith("(see 'lenet train --help')");
    }

    @Test
    void unknownOptionSuggestsTheRightOne() {
        CliRun run = CliRun.of("train", "--epoch", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet train: Unknown option")
                .contains("'--epoch'")
                .contains("did you mean '--epochs'?");
    }

    @Test
    void unknownCommandIsOneLine() {
        CliRun run = CliRun.of("trian");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet: Unmatched argument at index 0: 'trian'")
                .contains("'train'");
    }

    @Test
    void noCommandListsTheCommands() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("lenet: missing command: choose one of train");
    }

    @Test
    void missingOptionValueIsOneLine() {
        CliRun run = CliRun.of("train", "--output");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("'--output'");
    }

    @Test
    void patienceWithoutAValidationSetIsAUsageError() {
        CliRun run = CliRun.of("train", "--patience", "2", "--val-size", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("Invalid value for option '--patience': 2 (needs a validation set: --val-size above 0)");
    }
}
