package lenet.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import lenet.model.EpochMetrics;
import org.junit.jupiter.api.Test;

class TrainingCurvesTest {
    private static final List<EpochMetrics> EPOCHS = List.of(
            new EpochMetrics(1, 0.30, 0.970, 0.09, 0.972, 8000, 7.0, true),
            new EpochMetrics(2, 0.10, 0.980, 0.06, 0.978, 9000, 6.5, true),
            new EpochMetrics(3, 0.07, 0.986, 0.05, 0.984, 9500, 6.0, true));

    @Test
    void bothChartsShowTrainingAndValidation() {
        BufferedImage image = TrainingCurves.draw(EPOCHS, 10, 5_000);

        assertThat(image.getWidth()).isEqualTo(2 * TrainingCurves.CHART_W);
        assertThat(image.getHeight()).isEqualTo(TrainingCurves.CHART_H);
        PictureChecks.assertNotBlank(image);
        for (int chart = 0; chart < 2; chart++) {
            int x = chart * TrainingCurves.CHART_W;
            assertThat(PictureChecks.count(
                            image, x, 0, TrainingCurves.CHART_W, TrainingCurves.CHART_H, TrainingCurves.TRAIN, 10))
                    .as("training line in chart %d", chart)
                    .isGreaterThan(100);
            assertThat(PictureChecks.count(
                            image, x, 0, TrainingCurves.CHART_W, TrainingCurves.CHART_H, TrainingCurves.VALIDATION, 10))
                    .as("validation line in chart %d", chart)
                    .isGreaterThan(100);
        }
    }

    @Test
    void theTrainingAccuracyLegendCountsTheImagesItWasMeasuredOn() {
        // --limit 500: all 500 training images are measured, not 5,000
        assertThat(TrainingCurves.charts(EPOCHS, 10, 500).get(1).getSeriesMap().keySet())
                .contains("training accuracy (500 images, after the epoch)");
        assertThat(TrainingCurves.charts(EPOCHS, 10, 5_000)
                        .get(1)
                        .getSeriesMap()
                        .keySet())
                .contains("training accuracy (5,000 images, after the epoch)");
    }

    @Test
    void withoutValidationOnlyTrainingIsDrawn() {
        List<EpochMetrics> noValidation = EPOCHS.stream()
                .map(e -> new EpochMetrics(
                        e.epoch(),
                        e.trainLoss(),
                        e.trainAccuracy(),
                        null,
                        null,
                        e.imagesPerSecond(),
                        e.seconds(),
                        true))
                .toList();

        BufferedImage image = TrainingCurves.draw(noValidation, 3, 5_000);

        assertThat(PictureChecks.count(image, 0, 0, image.getWidth(), image.getHeight(), TrainingCurves.TRAIN, 10))
                .isGreaterThan(200);
        assertThat(PictureChecks.count(image, 0, 0, image.getWidth(), image.getHeight(), TrainingCurves.VALIDATION, 10))
                .isZero();
    }
}
