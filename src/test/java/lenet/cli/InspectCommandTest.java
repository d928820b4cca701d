package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.pictures.FeatureMapPicture;
import lenet.pictures.PictureChecks;
import lenet.prediction.Inspection;
import lenet.preprocessing.DigitReader;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InspectCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFeatureMapsOfBothConvolutionLayers() throws Exception {
        Path seven = dir.resolve("seven.png");
        MnistImages.write(MnistImages.blackOnWhite(0, 160, 300, 240, 90, 30), "png", seven);
        Path picture = dir.resolve("maps.png");

        CliRun run = CliRun.of(
                "inspect", "--model", TestModel.path().toString(), seven.toString(), "-o", picture.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the expected probability from the network's output for the preprocessed digit, apart from Inspection
        float[] input = DigitReader.read(seven).digit().input();
        INDArray probabilities =
                Checkpoints.load(TestModel.path(), false).network().output(Nd4j.create(new float[][] {input}), false);
        assertThat(probabilities.argMax(1).getInt(0)).as("the oracle reads a 7").isEqualTo(7);
        assertThat(run.outLines())
                .singleElement()
                .asString()
                .isEqualTo(String.format(
                        java.util.Locale.ROOT,
                        "%s: 7 (%.1f%%); feature maps written to %s",
                        seven,
                        probabilities.getDouble(0, 7) * 100,
                        picture));
        BufferedImage image = PictureChecks.read(picture);
        PictureChecks.assertNotBlank(image);

        Inspection.Result result = Inspection.run(TestModel.path(), seven, dir.resolve("again.png"));
        assertThat(result.conv1().maps()).hasDimensions(6, 28 * 28);
        assertThat(result.conv2().maps()).hasDimensions(16, 10 * 10);
        // ReLU outputs: none negative, and every layer responds to the digit somewhere
        for (FeatureMapPicture.Layer layer : java.util.List.of(result.conv1(), result.conv2())) {
            double max = 0;
            for (float[] map : layer.maps()) {
                for (float v : map) {
                    assertThat(v).isGreaterThanOrEqualTo(0f);
                    max = Math.max(max, v);
                }
            }
            assertThat(max).as(layer.heading()).isPositive();
        }
        assertThat(image.getWidth()).isEqualTo(result.width());
        assertThat(image.getHeight()).isEqualTo(result.height());
        assertThat(Files.readAllBytes(dir.resolve("again.png"))).isEqualTo(Files.readAllBytes(picture));
    }

    @Test
    void anImageThatCannotBeReadIsOneLine() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.png"), "text");

        CliRun run = CliRun.of(
                "inspect",
                "--model",
                TestModel.path().toString(),
                notes.toString(),
                "-o",
                dir.resolve("x.png").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo("lenet: " + notes + ": not an image lenet can read (PNG, JPEG, BMP, GIF, TIFF)");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void defaultPictureNameFollowsTheImage() {
        assertThat(InspectCommand.defaultName(Path.of("photos/my seven.jpg"))).isEqualTo("my seven.features.png");
        assertThat(InspectCommand.defaultName(Path.of("digit"))).isEqualTo("digit.features.png");
    }
}
