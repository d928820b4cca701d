package lenet.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import lenet.data.Download;
import lenet.pictures.ConfusionPicture;
import lenet.pictures.DigitGrid;
import lenet.pictures.PictureChecks;
import lenet.testing.Counted;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --report}: the pictures show what the numbers say. */
class ReportFilesTest {
    @TempDir
    static Path dir;

    static EvalRun.Run run;
    static ReportFiles.Written written;

    @BeforeAll
    static void writeReport() {
        run = EvalRun.run(TestModel.path(), null, null, MnistImages.SHIPPED_DATA, null, Download.Listener.NONE);
        written = ReportFiles.write(dir, run.report(), run.result(), run.data(), "MNIST test set");
    }

    static int misclassifiedCount() {
        int wrong = 0;
        int[][] confusion = run.report().confusion();
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                wrong += t == p ? 0 : confusion[t][p];
            }
        }
        return wrong;
    }

    @Test
    void confusionHeatMapIsDrawnFromCountsThatAddUpToTheTestSet() throws Exception {
        BufferedImage image = PictureChecks.read(dir.resolve("confusion.png"));

        assertThat(image.getWidth()).isEqualTo(ConfusionPicture.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ConfusionPicture.HEIGHT);
        PictureChecks.assertNotBlank(image);
        int total = 0;
        for (int[] row : run.report().confusion()) {
            for (int count : row) {
                total += count;
            }
        }
        assertThat(total).isEqualTo(10_000);
    }

    @Test
    void misclassifiedGridHoldsEveryMistakeUpToTheLimitMostConfidentFirst() throws Exception {
        int wrong = misclassifiedCount();
        assertThat(wrong).as("mistakes of the 2-epoch test model").isPositive();
        int shown = Math.min(wrong, ReportFiles.MISCLASSIFIED_LIMIT);

        assertThat(written.misclassifiedTotal()).isEqualTo(wrong);
        assertThat(written.misclassified())
                .hasSize(shown)
                .allSatisfy(o -> assertThat(o.truth()).isNotEqualTo(o.predicted()))
                .isSortedAccordingTo(Comparator.comparingDouble(ReportFiles.Outcome::probability)
                        .reversed());
        BufferedImage image = PictureChecks.read(dir.resolve("misclassified.png"));
        DigitGrid.Layout layout = written.misclassifiedLayout();
        assertThat(layout.tiles()).isEqualTo(shown);
        assertThat(image.getWidth()).isEqualTo(layout.width());
        assertThat(image.getHeight()).isEqualTo(layout.height());
        for (int i = 0; i < shown; i++) {
            assertThat(redCaption(image, layout, i))
                    .as("red caption of tile %d", i)
                    .isPositive();
            assertThat(ink(image, layout, i)).as("digit in tile %d", i).isPositive();
        }
    }

    @Test
    void samplesAreGreenWhenRightAndRedWhenWrong() throws Exception {
        BufferedImage image = PictureChecks.read(dir.resolve("samples.png"));
        DigitGrid.Layout layout = written.samplesLayout();

        assertThat(written.samples()).hasSize(ReportFiles.SAMPLES);
        assertThat(written.samples()).extracting(ReportFiles.Outcome::index).doesNotHaveDuplicates();
        assertThat(image.getWidth()).isEqualTo(layout.width());
        assertThat(image.getHeight()).isEqualTo(layout.height());
        for (int i = 0; i < written.samples().size(); i++) {
            ReportFiles.Outcome o = written.samples().get(i);
            int x = layout.x(i);
            int y = layout.y(i) + DigitGrid.PAD + DigitGrid.DIGIT;
            int green = PictureChecks.count(image, x, y, DigitGrid.TILE_W, DigitGrid.CAPTION, DigitGrid.RIGHT, 40);
            int red = PictureChecks.count(image, x, y, DigitGrid.TILE_W, DigitGrid.CAPTION, DigitGrid.WRONG, 40);
            assertThat(o.right() ? green : red)
                    .as("caption colour of sample %d", i)
                    .isPositive();
            assertThat(o.right() ? red : green)
                    .as("other colour of sample %d", i)
                    .isZero();
            assertThat(o.truth()).isEqualTo(MnistImages.label(o.index()));
        }
    }

    @Test
    void reportJsonHoldsTheCountsOfThePredictions() throws Exception {
        JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve("report.json")));

        Counted.assertReportHolds(report, Counted.confusion(TestModel.path()));
    }

    private static int redCaption(BufferedImage image, DigitGrid.Layout layout, int tile) {
        return PictureChecks.count(
                image,
                layout.x(tile),
                layout.y(tile) + DigitGrid.PAD + DigitGrid.DIGIT,
                DigitGrid.TILE_W,
                DigitGrid.CAPTION,
                DigitGrid.WRONG,
                40);
    }

    private static int ink(BufferedImage image, DigitGrid.Layout layout, int tile) {
        return PictureChecks.count(
                image,
                layout.x(tile) + DigitGrid.PAD,
                layout.y(tile) + DigitGrid.PAD,
                DigitGrid.DIGIT,
                DigitGrid.DIGIT,
                java.awt.Color.BLACK,
                60);
    }
}
