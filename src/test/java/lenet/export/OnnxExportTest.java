package lenet.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lenet.checkpoint.Checkpoints;
import lenet.cli.CliRun;
import lenet.compute.ComputePath;
import lenet.core.Json;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.evaluation.Evaluator;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code lenet export}, checked by ONNX Runtime: a runtime that shares no code with lenet's own network. Tagged
 * cpu-sensitive: CI runs it again as older CPUs, whose kernels round otherwise.
 */
@Tag("cpu-sensitive")
class OnnxExportTest {
    @TempDir
    Path dir;

    @Test
    void onnxRuntimeReadsEveryTestImageAsLenetDoes() throws Exception {
        Path onnx = dir.resolve("model.onnx");
        CliRun run = CliRun.of("export", "--model", TestModel.path().toString(), "--output", onnx.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        MultiLayerNetwork network = Checkpoints.load(TestModel.path(), false).network();
        DataSet test = DatasetFiles.read(Dataset.MNIST, MnistImages.SHIPPED_DATA, false)
                .all();
        Evaluator.Result lenet = Evaluator.evaluate(network, test);
        ComputePath path = ComputePath.forInference().path();
        int n = test.numExamples();
        int agree = 0;
        int correct = 0;
        double worst = 0;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            for (int from = 0; from < n; from += 1_000) {
                INDArray features =
                        test.getFeatures().get(NDArrayIndex.interval(from, from + 1_000), NDArrayIndex.all());
                float[][] ours = path.output(network, features).toFloatMatrix();
                float[][] theirs = run(env, session, features.toFloatMatrix());
                for (int i = 0; i < ours.length; i++) {
                    int digit = argMax(theirs[i]);
                    agree += digit == lenet.predicted()[from + i] ? 1 : 0;
                    correct += digit == MnistImages.label(from + i) ? 1 : 0;
                    for (int c = 0; c < 10; c++) {
                        worst = Math.max(worst, Math.abs(ours[i][c] - theirs[i][c]));
                    }
                }
            }
        }
        assertThat(agree).as("images ONNX Runtime reads as lenet eval does").isEqualTo(n);
        assertThat(worst).as("largest difference of a probability").isLessThanOrEqualTo(1e-5);
        assertThat(correct / (double) n).isEqualTo(lenet.accuracy());
    }

    @Test
    void theFileSaysWhatItTakesAndWhereItCameFrom() throws Exception {
        Path onnx = dir.resolve("model.onnx");
        assertThat(CliRun.of("export", "-m", TestModel.path().toString(), "-o", onnx.toString())
                        .exitCode())
                .isZero();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            NodeInfo input = session.getInputInfo().get("image");
            NodeInfo output = session.getOutputInfo().get("probabilities");
            assertThat(((TensorInfo) input.getInfo()).getShape()).containsExactly(-1, 1, 28, 28);
            assertThat(((TensorInfo) output.getInfo()).getShape()).containsExactly(-1, 10);
            Map<String, String> props = session.getMetadata().getCustomMetadata();
            var metadata = Checkpoints.readMetadata(TestModel.path());
            assertThat(props)
                    .containsEntry("lenet.normalize", "0,1")
                    .containsEntry("lenet.polarity", "ink=1 background=0")
                    .containsEntry(
                            "lenet.test_accuracy",
                            String.format(java.util.Locale.ROOT, "%.4f", metadata.testAccuracy()))
                    .containsKey("lenet.version");
            JsonNode options = Json.MAPPER.readTree(props.get("lenet.training_options"));
            assertThat(options.get("seed").asLong()).isEqualTo(TestModel.SEED);
            assertThat(options.get("epochs").asInt()).isEqualTo(TestModel.EPOCHS);
            assertThat(session.getMetadata().getProducerName()).isEqualTo("lenet");
        }
    }

    @Test
    void withoutOutputTheFileGoesBesideTheModel() throws Exception {
        Path model = Files.copy(TestModel.path(), dir.resolve("digits.zip"));
        CliRun run = CliRun.of("export", "--model", model.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode line = Json.MAPPER.readTree(run.out());
        assertThat(line.get("onnx").asText())
                .isEqualTo(dir.resolve("digits.onnx").toString());
        assertThat(line.get("bytes").asLong()).isEqualTo(Files.size(dir.resolve("digits.onnx")));
        assertThat(line.get("opset").asInt()).isEqualTo(13);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFileThatIsNotAModelIsOneLineAndExit2() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a model");
        CliRun run = CliRun.of("export", "--model", text.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("notes.zip")
                .contains("not a lenet checkpoint");
        assertThat(dir.resolve("notes.onnx")).doesNotExist();

        CliRun itself = CliRun.of(
                "export",
                "--model",
                TestModel.path().toString(),
                "-o",
                TestModel.path().toString());
        assertThat(itself.exitCode()).isEqualTo(2);
        assertThat(itself.errLines()).singleElement().asString().contains("would overwrite the model");
    }

    private static float[][] run(OrtEnvironment env, OrtSession session, float[][] images) throws Exception {
        FloatBuffer buffer = FloatBuffer.allocate(images.length * 784);
        for (float[] image : images) {
            buffer.put(image);
        }
        buffer.flip();
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[] {images.length, 1, 28, 28});
                OrtSession.Result result = session.run(Map.of("image", input))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
