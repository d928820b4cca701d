package lenet.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lenet.cli.CliRun;
import lenet.core.Json;
import lenet.data.Download;
import lenet.evaluation.EvalRun;
import lenet.preprocessing.DigitReader;
import lenet.testing.MnistImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A LeNet-5 trained briefly with PyTorch and exported with {@code torch.onnx.export} (Debian's python3-torch), then
 * evaluated, predicted with and normalised as a user brings one. Skipped where PyTorch is absent, except under CI.
 */
class PyTorchModelTest {
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    static Path dir;

    @BeforeAll
    static void trainWithPyTorch() throws Exception {
        boolean torch = run(List.of(PYTHON, "-c", "import torch, numpy"), 120) == 0;
        if (System.getenv("CI") == null) {
            assumeTrue(torch, "PyTorch is not installed for " + PYTHON + " (apt-get install python3-torch)");
        }
        assertThat(torch).as("CI installs python3-torch (.ci/run)").isTrue();
        dir = Files.createTempDirectory("lenet-torch");
        Path script = dir.resolve("torch_lenet.py");
        try (InputStream in = PyTorchModelTest.class.getResourceAsStream("torch_lenet.py")) {
            Files.copy(in, script);
        }
        int code = run(List.of(PYTHON, script.toString(), MnistImages.SHIPPED_DATA.toString(), dir.toString()), 600);
        assertThat(code)
                .as("torch_lenet.py exit code (its output: " + dir.resolve("python.log") + ")")
                .isZero();
    }

    @Test
    void evalReadsTheTestSetAsPyTorchDid() throws Exception {
        int[] torch = torchDigits("plain");
        EvalRun.Run run = EvalRun.run(
                dir.resolve("plain.onnx"), null, null, MnistImages.SHIPPED_DATA, null, Download.Listener.NONE);
        assertThat(agreement(torch, run.result().predicted()))
                .as("test images read as PyTorch read them (ONNX Runtime and PyTorch round differently)")
                .isGreaterThanOrEqualTo(9_990);
        assertThat(run.result().accuracy()).isCloseTo(accuracy(torch), org.assertj.core.data.Offset.offset(0.001));

        CliRun cli = CliRun.of("eval", "--model", dir.resolve("plain.onnx").toString(), "--json");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Json.MAPPER.readTree(cli.out()).get("accuracy").asDouble())
                .isCloseTo(run.result().accuracy(), org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void aModelTakingItsImagesChannelsLastIsFedThemSo() {
        // the input 'conv2d_input' N×28×28×1 of a Keras model converted by tf2onnx, here written by torch.onnx.export
        int[] torch = torchDigits("channels-last");
        EvalRun.Run run = EvalRun.run(
                dir.resolve("channels-last.onnx"), null, null, MnistImages.SHIPPED_DATA, null, Download.Listener.NONE);
        assertThat(agreement(torch, run.result().predicted())).isGreaterThanOrEqualTo(9_990);
        assertThat(run.result().accuracy()).isCloseTo(accuracy(torch), org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void normalizeGivesTheInputsAModelOfTransformsNormalizeExpects() {
        int[] torch = torchDigits("normalized");
        EvalRun.Run right = EvalRun.run(
                dir.resolve("normalized.onnx"),
                new Normalize(0.1307, 0.3081),
                null,
                MnistImages.SHIPPED_DATA,
                null,
                Download.Listener.NONE);
        EvalRun.Run plain = EvalRun.run(
                dir.resolve("normalized.onnx"), null, null, MnistImages.SHIPPED_DATA, null, Download.Listener.NONE);
        assertThat(agreement(torch, right.result().predicted())).isGreaterThanOrEqualTo(9_990);
        assertThat(agreement(torch, plain.result().predicted()))
                .as("without --normalize the model sees other inputs")
                .isLessThan(9_990);
    }

    @Test
    void predictGivesTheDigitOnnxRuntimeGivesForWhatTheNetworkSaw() throws Exception {
        Path image = Path.of("src/site/resources/digits/seven-photo.jpg");
        CliRun run = CliRun.of("predict", "--model", dir.resolve("plain.onnx").toString(), "--json", image.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode answer = Json.MAPPER.readTree(run.out());

        // the oracle: ONNX Runtime called here on the 28×28 image predict saw, and softmax on its logits
        float[] input = DigitReader.read(image).digit().input();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] logits;
        try (OrtSession session = env.createSession(dir.resolve("plain.onnx").toString());
                OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 1, 28, 28});
                OrtSession.Result result = session.run(Map.of("input", tensor))) {
            logits = ((float[][]) result.get(0).getValue())[0];
        }
        double max = Double.NEGATIVE_INFINITY;
        int digit = 0;
        for (int i = 0; i < 10; i++) {
            if (logits[i] > max) {
                max = logits[i];
                digit = i;
            }
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        assertThat(answer.get("digit").asInt()).isEqualTo(digit);
        assertThat(answer.get("probability").asDouble()).isCloseTo(1 / sum, org.assertj.core.data.Offset.offset(1e-5));
    }

    private static int[] torchDigits(String name) {
        try {
            return Files.readAllLines(dir.resolve(name + ".txt")).stream()
                    .mapToInt(Integer::parseInt)
                    .toArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int agreement(int[] a, int[] b) {
        assertThat(b).hasSameSizeAs(a);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return same;
    }

    private static double accuracy(int[] digits) {
        int right = 0;
        for (int i = 0; i < digits.length; i++) {
            right += digits[i] == MnistImages.label(i) ? 1 : 0;
        }
        return right / (double) digits.length;
    }

    private static int run(List<String> command, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.redirectOutput(dir.resolve("python.log").toFile());
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return -1; // no python3 at all
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
