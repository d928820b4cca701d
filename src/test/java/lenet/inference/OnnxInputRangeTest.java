package lenet.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lenet.api.Recognition;
import lenet.api.Recognizer;
import lenet.cli.CliRun;
import lenet.core.Json;
import lenet.export.ExportRun;
import lenet.testing.OnnxGraphs;
import lenet.testing.TestModel;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONNX model that takes grey 0–255 (ink = 255), as the ONNX model zoo's MNIST models do: lenet's exported graph
 * behind a Div by 255, without lenet's metadata. The oracle is that graph without the Div, fed grey/255: with
 * {@code --input-range 255} the wrapped model must answer as it does; without, lenet must warn once on stderr
 * (which of {@link ScalingCheck}'s signs it finds depends on the model: {@link ScalingCheckTest} tells them apart).
 */
class OnnxInputRangeTest {
    static final List<String> IMAGES = OnnxLayoutsTest.IMAGES;

    @TempDir
    static Path dir;

    static Path plain;
    static Path grey;

    @BeforeAll
    static void export() throws Exception {
        plain = ExportRun.run(TestModel.path(), dir.resolve("plain.onnx")).output();
        grey = OnnxGraphs.takingGrey0To255(plain, dir.resolve("grey.onnx"));
    }

    @Test
    void inputRange255GivesAModelOfGrey0To255TheAnswersOfTheModelOfGrey01() throws Exception {
        CliRun expected = predict(plain);
        CliRun answered = predict(grey, "--input-range", "255");
        assertThat(expected.errLines()).as("a good model: no warning").isEmpty();
        assertThat(answered.errLines()).isEmpty();
        List<JsonNode> want = json(expected);
        List<JsonNode> got = json(answered);
        assertThat(got).hasSize(IMAGES.size());
        for (int i = 0; i < IMAGES.size(); i++) {
            assertThat(got.get(i).get("digit"))
                    .as(IMAGES.get(i))
                    .isEqualTo(want.get(i).get("digit"));
            assertThat(got.get(i).get("probability").asDouble())
                    .isCloseTo(want.get(i).get("probability").asDouble(), Offset.offset(1e-4));
        }
    }

    @Test
    void withoutInputRangeEvalWarnsOnceOnStderrAndKeepsItsJson() throws Exception {
        CliRun good = eval(plain);
        assertThat(good.errLines()).as("a good model: no warning").isEmpty();
        double accuracy = Json.MAPPER.readTree(good.out()).get("accuracy").asDouble();
        assertThat(accuracy).isGreaterThan(0.95);

        CliRun unscaled = eval(grey);
        assertThat(Json.MAPPER.readTree(unscaled.out()).get("accuracy").asDouble())
                .as("grey/255 is a nearly blank page to this model")
                .isLessThan(0.2);
        assertThat(unscaled.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet: warning: " + grey + ": ")
                .endsWith("; the model may expect its pixels scaled otherwise: try --input-range 255 or --normalize "
                        + "MEAN,STD");

        CliRun scaled = eval(grey, "--input-range", "255");
        assertThat(scaled.errLines()).isEmpty();
        assertThat(Json.MAPPER.readTree(scaled.out()).get("accuracy").asDouble())
                .isCloseTo(accuracy, Offset.offset(0.0005));
    }

    @Test
    void withoutInputRangePredictWarnsEvenForOneImage() throws Exception {
        CliRun run = predict(grey);
        assertThat(run.exitCode()).isZero();
        assertThat(json(run)).hasSize(IMAGES.size());
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet: warning: " + grey + ": ")
                .endsWith("try --input-range 255 or --normalize MEAN,STD");
        CliRun one = CliRun.of("predict", "--model", grey.toString(), IMAGES.get(1));
        assertThat(one.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet: warning: " + grey + ": ")
                .endsWith("try --input-range 255 or --normalize MEAN,STD");
        assertThat(one.outLines()).singleElement().asString().startsWith(IMAGES.get(1) + ": ");
    }

    @Test
    void aBadInputRangeOrOneWithNormalizeOrWithALenetModelIsOneLineAndExit2() {
        assertRefused(
                "'100' is not 1 or 255", "predict", "--model", grey.toString(), "--input-range", "100", IMAGES.get(0));
        assertRefused(
                "--input-range 255 and --normalize both say how pixels are scaled: give one",
                "eval",
                "--model",
                grey.toString(),
                "--input-range",
                "255",
                "--normalize",
                "0.1307,0.3081");
        assertRefused(
                "--normalize and --input-range are for ONNX models",
                "predict",
                "--model",
                TestModel.path().toString(),
                "--input-range",
                "255",
                IMAGES.get(0));
        CliRun zipDefault =
                CliRun.of("predict", "--model", TestModel.path().toString(), "--input-range", "1", IMAGES.get(0));
        assertThat(zipDefault.exitCode()).as(zipDefault.err()).isZero();
        assertThat(zipDefault.errLines()).isEmpty();
    }

    @Test
    void theJavaApiOpensAModelOfGrey0To255() {
        try (Recognizer want = Recognizer.open(plain);
                Recognizer got = Recognizer.open(grey, 255)) {
            for (String image : IMAGES) {
                Recognition expected = want.recognize(Path.of(image));
                Recognition answer = got.recognize(Path.of(image));
                assertThat(answer.index()).as(image).isEqualTo(expected.index());
                assertThat(answer.probability()).isCloseTo(expected.probability(), Offset.offset(1e-4));
            }
        }
        assertThatThrownBy(() -> Recognizer.open(grey, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The command exits 2 with one line on stderr that holds {@code expected}. */
    private static void assertRefused(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains(expected);
    }

    private static CliRun eval(Path model, String... options) {
        return run("eval", model, List.of(), options);
    }

    private static CliRun predict(Path model, String... options) {
        return run("predict", model, IMAGES, options);
    }

    /** {@code lenet COMMAND --json --model MODEL OPTIONS INPUTS}, which must succeed. */
    private static CliRun run(String command, Path model, List<String> inputs, String... options) {
        List<String> args = new ArrayList<>(List.of(command, "--json", "--model", model.toString()));
        args.addAll(List.of(options));
        args.addAll(inputs);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static List<JsonNode> json(CliRun run) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.outLines()) {
            lines.add(Json.MAPPER.readTree(line));
        }
        return lines;
    }
}
