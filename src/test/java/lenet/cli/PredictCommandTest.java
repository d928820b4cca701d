package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import lenet.preprocessing.DigitPreprocessor;
import lenet.preprocessing.ImageLoader;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("cpu-sensitive")
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
    void showPrintsTheInputAsTextBesideEveryDigitsProbability() throws Exception {
        CliRun run = CliRun.of("predict", "--show", "--model", model, seven.toString());
        CliRun json = CliRun.of("predict", "--show", "--json", "--model", model, seven.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).contains("seven.png: 7 (");
        String edge = "+" + "-".repeat(56) + "+";
        assertThat(lines.get(1)).isEqualTo(edge);
        assertThat(lines.get(30)).isEqualTo(edge);
        List<String> art = lines.subList(2, 30);
        assertThat(art).allSatisfy(l -> assertThat(l).startsWith("|").hasSizeGreaterThanOrEqualTo(58));
        // the art is the image the network saw: ink where the preprocessed digit has ink
        int[] grey = lenet.preprocessing.DigitPreprocessor.preprocess(lenet.preprocessing.ImageLoader.read(seven))
                .grey();
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                char c = art.get(y).charAt(1 + 2 * x);
                assertThat(c == ' ').as("pixel (%d, %d)", x, y).isEqualTo(grey[y * 28 + x] < 15);
            }
        }
        List<String> digitLines = art.stream()
                .filter(l -> l.matches(".*\\|  [ >] \\d +\\d+\\.\\d\\d%.*"))
                .toList();
        assertThat(digitLines).hasSize(10);
        assertThat(digitLines.get(7)).contains("> 7");
        assertThat(digitLines.stream().filter(l -> l.contains("> "))).hasSize(1);

        com.fasterxml.jackson.databind.JsonNode node =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(node.get("seen")).hasSize(28);
        assertThat(node.get("seen").get(14).asText())
                .hasSize(56)
                .isEqualTo(art.get(14).substring(1, 57));
    }

    @Test
    void printsTheDigitItsProbabilityAndTheTopThree() {
        CliRun run = CliRun.of("predict", "--model", model, seven.toString(), two.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.outLines().get(0))
                .matches(".*seven\\.png: 7 \\(\\d+\\.\\d%\\)   top 3: 7 \\d+\\.\\d%, \\d \\d+\\.\\d%, \\d \\d+\\.\\d%");
        assertThat(run.outLines().get(1)).contains("two.jpg: 2 (");
    }

    @Test
    void jsonIsOneObjectPerInputAndErrorsDoNotStopTheOthers() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");

        CliRun run =
                CliRun.of("predict", "--json", "--model", model, seven.toString(), text.toString(), two.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.outLines()).hasSize(3);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(run.outLines().get(0));
        assertThat(first.get("file").asText()).endsWith("seven.png");
        assertThat(first.get("digit").asInt()).isEqualTo(7);
        assertThat(first.get("probability").asDouble()).isBetween(0.5, 1.0);
        assertThat(first.get("top")).hasSize(3);
        assertThat(first.get("top").get(0).get("digit").asInt()).isEqualTo(7);
        assertThat(first.get("top").get(0).get("probability").asDouble())
                .isEqualTo(first.get("probability").asDouble());
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

        CliRun run = CliRun.of(
                "predict",
                "--model",
                model,
                empty.toString(),
                blank.toString(),
                dir.resolve("missing.png").toString(),
                seven.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
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

        CliRun run = CliRun.of(
                "predict", "--model", model, "--save-preprocessed", out.toString(), seven.toString(), two.toString());

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
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet: " + dir.resolve("none.zip") + ": model file not found");
    }

    @Test
    void noInputIsAUsageError() {
        CliRun run = CliRun.of("predict");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("Missing required parameter");
    }

    @Test
    void theShippedExamplesReadAsTheReadmeShows() {
        CliRun run = CliRun.of("predict", "--model", TestModel.path().toString(), "src/site/resources/digits/");

        assertThat(run.exitCode()).as("the blank page is not a digit").isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "lenet: src/site/resources/digits/blank.png: no ink found (the image is blank or uniform)");
        assertThat(run.outLines()).hasSize(3);
        assertThat(run.outLines().get(0)).startsWith("src/site/resources/digits/one-mnist.png: 1 (");
        assertThat(run.outLines().get(1)).startsWith("src/site/resources/digits/seven-photo.jpg: 7 (");
        assertThat(run.outLines().get(2)).startsWith("src/site/resources/digits/two-drawing.png: 2 (");
    }
}
