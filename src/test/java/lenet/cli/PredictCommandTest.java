package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import lenet.imaging.DigitPreprocessor;
import lenet.imaging.ImageLoader;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    @TempDir
    Path dir;
    Path seven;
    Path two;
    String model;

    @BeforeEach
    void images() throws Exception {
        // MNIST test images 0 and 1 are a 7 and a 2
        seven = dir.resolve("seven.png");
        two = dir.resolve("two.jpg");
        MnistImages.write(MnistImages.blackOnWhite(0, 160, 300, 240, 90, 30), "png", seven);
        MnistImages.write(MnistImages.blackOnWhite(1, 100, 200, 200, 20, 80), "jpg", two);
        model = TestModel.path().toString();
    }

    @Test
    void printsTheDigitItsProbabilityAndTheTopThree() {
        CliRun run = CliRun.of("predict", "--model", model, seven.toString(), two.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.outLines().get(0)).matches(".*seven\\.png: 7 \\(\\d+\\.\\d%\\)   top 3: 7 \\d+\\.\\d%, \\d \\d+\\.\\d%, \\d \\d+\\.\\d%");
        assertThat(run.outLines().get(1)).contains("two.jpg: 2 (");
    }

    @Test
    void jsonIsOneObjectPerInputAndErrorsDoNotStopTheOthers() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");

        CliRun run = CliRun.of("predict", "--json", "--model", model, seven.toString(), text.toString(),
                two.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.outLines()).hasSize(3);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(run.outLines().get(0));
        assertThat(first.get("file").asText()).endsWith("seven.png");
        assertThat(first.get("digit").asInt()).isEqualTo(7);
        assertThat(first.get("probability").asDouble()).isBetween(0.5, 1.0);
        assertThat(first.get("top")).hasSize(3);
        assertThat(first.get("top").get(0).get("digit").asInt()).isEqualTo(7);
        assertThat(first.get("top").get(0).get("probability").asDouble()).isEqualTo(first.get("probability").asDouble());
        assertThat(first.get("top").get(1).get("probability").asDouble())
                .isLessThanOrEqualTo(first.get("probability").asDouble());
        JsonNode error = mapper.readTree(run.outLines().get(1));
        assertThat(error.get("file").asText()).endsWith("notes.png");
        assertThat(error.get("error").asText()).isEqualTo("not an image lenet can read (PNG, JPEG, BMP, GIF, TIFF)");
        assertThat(error.has("digit")).isFalse();
        assertThat(mapper.readTree(run.outLines().get(2)).get("digit").asInt()).isEqualTo(2);
    }

    @Test
    void badInputsAreOneLineEachOnStderrAndExit2() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        BufferedImage white = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        white.getGraphics().fillRect(0, 0, 40, 40);
        Path blank = dir.resolve("blank.png");
        ImageIO.write(white, "png", blank.toFile());

        CliRun run = CliRun.of("predict", "--model", model, empty.toString(), blank.toString(),
                dir.resolve("missing.png").toString(), seven.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "lenet: " + empty + ": empty file",
                "lenet: " + blank + ": no ink found (the image is blank or uniform)",
                "lenet: " + dir.resolve("missing.png") + ": no such file");
        assertThat(run.outLines()).singleElement().asString().contains("seven.png: 7");
    }

    @Test
    void directoryIsExpandedToItsImagesInNameOrder() throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "ignored");

        CliRun run = CliRun.of("predict", "--model", model, dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.outLines().get(0)).contains("seven.png");
        assertThat(run.outLines().get(1)).contains("two.jpg");
    }

    @Test
    void savePreprocessedWritesWhatTheNetworkSaw() throws Exception {
        Path out = dir.resolve("seen");

        CliRun run = CliRun.of("predict", "--model", model, "--save-preprocessed", out.toString(), seven.toString(),
                two.toString());

        assertThat(run.exitCode()).isZero();
        BufferedImage seen = ImageIO.read(out.resolve("seven.png").toFile());
        assertThat(seen.getWidth()).isEqualTo(28);
        assertThat(seen.getHeight()).isEqualTo(28);
        int[] expected = DigitPreprocessor.preprocess(ImageLoader.read(seven)).grey();
        assertThat(seen.getRaster().getPixels(0, 0, 28, 28, (int[]) null)).containsExactly(expected);
        assertThat(expected).contains(0);
        assertThat(java.util.Arrays.stream(expected).max().orElse(0)).isGreaterThan(200);
        assertThat(out.resolve("two.png")).isRegularFile();
    }

    @Test
    void missingModelIsOneLineAndNothingIsPredicted() {
        CliRun run = CliRun.of("predict", "--model", dir.resolve("none.zip").toString(), seven.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("lenet: " + dir.resolve("none.zip") + ": model file not found");
    }

    @Test
    void noInputIsAUsageError() {
        CliRun run = CliRun.of("predict");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("Missing required parameter");
    }
}
