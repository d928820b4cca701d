package lenet.output;

import static org.assertj.core.api.Assertions.assertThat;

import lenet.model.EpochMetrics;
import org.junit.jupiter.api.Test;

/** The epoch table: each value under its heading, and narrower than an 80-column terminal. */
class EpochTableTest {
    private static EpochMetrics epoch(int epoch, Double valLoss, Double valAccuracy, double imagesPerSecond) {
        return new EpochMetrics(epoch, 0.3010, 0.95, valLoss, valAccuracy, imagesPerSecond, 9.7, true);
    }

    @Test
    void aRowSitsUnderItsHeadings() {
        assertThat(EpochTable.header(10, true))
                .isEqualTo("epoch  train loss  val loss  val accuracy  images/s  seconds");
        assertThat(EpochTable.row(epoch(1, 0.0712, 0.979, 5640), 10, true))
                .isEqualTo(" 1/10      0.3010    0.0712        97.90%     5,640      9.7  *best");
    }

    @Test
    void aValidatedRunWithoutAValueSaysDash() {
        assertThat(EpochTable.row(epoch(3, null, null, 5640), 10, true))
                .isEqualTo(" 3/10      0.3010         -             -     5,640      9.7  *best");
    }

    @Test
    void withoutAValidationSetTheTrainingAccuracyTakesItsPlaceAndNoEpochIsMarkedBest() {
        assertThat(EpochTable.header(10, false)).isEqualTo("epoch  train loss  train accuracy  images/s  seconds");
        assertThat(EpochTable.row(epoch(3, null, null, 5640), 10, false))
                .isEqualTo(" 3/10      0.3010          95.00%     5,640      9.7");
    }

    @Test
    void longRunsWidenTheEpochColumnAndStayWithinEightyColumns() {
        for (int epochs : new int[] {1, 9, 10, 100, 1000, 99_999}) {
            String header = EpochTable.header(epochs, true);
            String row = EpochTable.row(epoch(epochs, 0.0712, 1.0, 1_234_567), epochs, true);
            String plainHeader = EpochTable.header(epochs, false);
            String plainRow = EpochTable.row(epoch(epochs, null, null, 1_234_567), epochs, false);

            assertThat(row).as("%d epochs", epochs).hasSizeLessThanOrEqualTo(80);
            assertThat(row.length() - "  *best".length())
                    .as("the row ends under the header's end")
                    .isEqualTo(header.length());
            assertThat(plainRow)
                    .as("without validation, the row ends under the header's end")
                    .hasSameSizeAs(plainHeader);
            assertThat(row)
                    .startsWith(" "
                                    .repeat(Math.max(
                                            0, 5 - (2 * String.valueOf(epochs).length() + 1))) + epochs + "/" + epochs);
        }
    }
}
