package lenet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import lenet.cli.CliRun;
import lenet.export.ExportRun;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as a program embedding lenet uses it, against {@code lenet predict} and {@code lenet eval} run on the same
 * model and files: the same classes and probabilities, the same one-line errors.
 */
@Tag("cpu-sensitive")
class RecognizerTest {
    static final Path DIGITS = Path.of("src/site/resources/digits");
    static final List<Path> READABLE = List.of(
            DIGITS.resolve("one-mnist.png"), DIGITS.resolve("seven-photo.jpg"), DIGITS.resolve("two-drawing.png"));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theShippedExamplesReadAsPredictReadsThem() throws IOException {
        Path model = TestModel.path();
        try (Recognizer recognizer = Recognizer.open(model)) {
            assertSameAsPredict(recognizer, model);
            assertThat(recognizer.classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            assertThat(recognizer.dataset()).isEqualTo("mnist");
        }
    }

    @Test
    void anOnnxModelReadsAsPredictReadsItWithThatModel() throws IOException {
        Path onnx = ExportRun.run(TestModel.path(), dir.resolve("model.onnx")).output();
        try (Recognizer recognizer = Recognizer.open(onnx)) {
            assertSameAsPredict(recognizer, onnx);
        }
    }

    /** A batch of the three readable examples is the batch predict runs: the same digits and probabilities. */
    private static void assertSameAsPredict(Recognizer recognizer, Path model) throws IOException {
        CliRun predict = CliRun.of("predict", "--json", "--model", model.toString(), DIGITS.toString());
        assertThat(predict.exitCode()).as(predict.err()).isEqualTo(2); // the blank page
        List<JsonNode> answers = new ArrayList<>();
        for (String line : predict.outLines()) {
            JsonNode answer = JSON.readTree(line);
            if (!answer.has("error")) {
                answers.add(answer);
            }
        }
        List<Recognition> batch = recognizer.recognizeFiles(READABLE);
        assertThat(answers).hasSize(READABLE.size());
        for (int i = 0; i < READABLE.size(); i++) {
            JsonNode expected = answers.get(i);
            Recognition got = batch.get(i);
            assertThat(expected.get("file").asText()).isEqualTo(READABLE.get(i).toString());
            assertThat(got.name()).isEqualTo(expected.get("class").asText());
            assertThat(got.index()).isEqualTo(expected.get("index").asInt());
            assertThat(Math.round(got.probability() * 1e6) / 1e6)
                    .isEqualTo(expected.get("probability").asDouble());
            List<Score> top = got.top(3);
            for (int k = 0; k < 3; k++) {
                JsonNode want = expected.get("top").get(k);
                assertThat(top.get(k).name()).isEqualTo(want.get("class").asText());
                assertThat(Math.round(top.get(k).probability() * 1e6) / 1e6)
                        .isEqualTo(want.get("probability").asDouble());
            }
            // one at a time, from the file, its bytes and the decoded picture: the same class, the same
            // probabilities to within a batch's rounding
            Path file = READABLE.get(i);
            for (Recognition single : List.of(
                    recognizer.recognize(file),
                    recognizer.recognize(Files.readAllBytes(file)),
                    recognizer.recognize(ImageIO.read(file.toFile())))) {
                assertThat(single.name()).isEqualTo(got.name());
                assertThat(single.probabilities()).containsExactly(got.probabilities(), within(1e-5));
            }
        }
        assertThat(batch.get(1).top(99)).hasSize(10);

        // predict's text: "FILE: NAME (P%)   top 3: A p%, B p%, C p%", from the API's own toString()s
        CliRun text = CliRun.of("predict", "--model", model.toString(), DIGITS.toString());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < READABLE.size(); i++) {
            lines.add(READABLE.get(i) + ": " + batch.get(i) + "   top 3: "
                    + batch.get(i).top(3).stream().map(Score::toString).collect(Collectors.joining(", ")));
        }
        assertThat(text.outLines()).isEqualTo(lines);
    }

    @Test
    void readyPixelsAreTheImageAsItIs() throws IOException {
        // MNIST's own 28×28 image, light on black, is given to the network as it is: grey / 255
        BufferedImage mnist = ImageIO.read(DIGITS.resolve("one-mnist.png").toFile());
        float[] pixels = new float[Recognizer.PIXELS];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                pixels[y * 28 + x] = (mnist.getRaster().getSample(x, y, 0)) / 255f;
            }
        }
        try (Recognizer recognizer = Recognizer.open(TestModel.path())) {
            Recognition fromPixels = recognizer.recognizePixels(pixels);
            assertThat(fromPixels.probabilities())
                    .containsExactly(recognizer
                            .recognize(DIGITS.resolve("one-mnist.png"))
                            .probabilities());
            assertThat(fromPixels.name()).isEqualTo("1");
            assertThat(recognizer.recognizePixels(List.of(pixels, pixels))).hasSize(2);
            assertThatThrownBy(() -> recognizer.recognizePixels(new float[783]))
                    .isInstanceOf(LenetApiException.class)
                    .hasMessage("pixels: 783 values, expected 784 (28×28, row by row)");
            pixels[5] = 255;
            assertThatThrownBy(() -> recognizer.recognizePixels(pixels))
                    .hasMessage("pixels: value 255.0 at 5 is outside 0 to 1 (0 background, 1 ink)");
        }
    }

    @Test
    void aClosedRecognizerSaysSo() {
        Recognizer recognizer = Recognizer.open(TestModel.path());
        recognizer.close();
        recognizer.close(); // twice is harmless
        assertThatThrownBy(() -> recognizer.recognize(READABLE.get(0)))
                .isInstanceOf(LenetApiException.class)
                .hasMessage("this recognizer is closed");
        assertThatThrownBy(recognizer::classes).hasMessage("this recognizer is closed");
    }

    @Test
    void anUnreadableImageFailsWithPredictsLine() throws IOException {
        Path text = Files.writeString(dir.resolve("note.png"), "not an image");
        Path missing = dir.resolve("gone.jpg");
        Path blank = DIGITS.resolve("blank.png");
        try (Recognizer recognizer = Recognizer.open(TestModel.path())) {
            for (Path file : List.of(text, missing, blank)) {
                CliRun predict =
                        CliRun.of("predict", "--model", TestModel.path().toString(), file.toString());
                assertThat(predict.exitCode()).isEqualTo(2);
                assertThat(predict.errLines()).hasSize(1);
                String line = predict.errLines().get(0);
                assertThat(line).startsWith("lenet: ");
                assertThatThrownBy(() -> recognizer.recognize(file))
                        .isInstanceOf(LenetApiException.class)
                        .hasMessage(line.substring("lenet: ".length()));
                // the batch fails for that file, with the same line
                assertThatThrownBy(() -> recognizer.recognizeFiles(List.of(READABLE.get(0), file)))
                        .hasMessage(line.substring("lenet: ".length()));
            }
            // bytes and pictures carry no file name: the reason alone, as after predict's "FILE: "
            String reason = CliRun.of("predict", "--model", TestModel.path().toString(), blank.toString())
                    .errLines()
                    .get(0)
                    .substring(("lenet: " + blank + ": ").length());
            assertThatThrownBy(() -> recognizer.recognize(Files.readAllBytes(blank)))
                    .hasMessage(reason);
            assertThatThrownBy(() -> recognizer.recognize(ImageIO.read(blank.toFile())))
                    .hasMessage(reason);
            assertThatThrownBy(() -> recognizer.recognize(new byte[0])).hasMessage("empty image (no bytes)");
        }
    }

    @Test
    void aModelThatCannotBeOpenedFailsWithEvalsLine() throws IOException {
        Path missing = dir.resolve("none.zip");
        Path notAZip = Files.writeString(dir.resolve("broken.zip"), "not a model");
        Path notOnnx = Files.writeString(dir.resolve("broken.onnx"), "not a model");
        for (Path model : List.of(missing, notAZip, notOnnx)) {
            CliRun eval = CliRun.of("eval", "--model", model.toString());
            assertThat(eval.exitCode()).isEqualTo(2);
            assertThat(eval.errLines()).hasSize(1);
            assertThatThrownBy(() -> Recognizer.open(model))
                    .isInstanceOf(LenetApiException.class)
                    .hasMessage(eval.errLines().get(0).substring("lenet: ".length()));
        }
    }
}
