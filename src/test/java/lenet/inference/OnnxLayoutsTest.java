package lenet.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lenet.cli.CliRun;
import lenet.core.Json;
import lenet.export.ExportRun;
import lenet.testing.TestModel;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.ValueInfoProto;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX models that take their images as other tools lay them out: N×28×28×1 (channels last, as Keras and tf2onnx
 * export: a Transpose to N×1×28×28 inside the graph) and N×784 (a Reshape inside), also with a batch fixed at 1. The
 * oracle is the same weights in lenet's own layout, N×1×28×28: every layout must give its probabilities.
 */
class OnnxLayoutsTest {
    static final List<String> IMAGES = List.of(
            "src/site/resources/digits/one-mnist.png",
            "src/site/resources/digits/seven-photo.jpg",
            "src/site/resources/digits/two-drawing.png");

    @TempDir
    static Path dir;

    static ModelProto exported;
    static Path channelsFirst;

    @BeforeAll
    static void export() throws Exception {
        channelsFirst =
                ExportRun.run(TestModel.path(), dir.resolve("first.onnx")).output();
        exported = ModelProto.parseFrom(Files.readAllBytes(channelsFirst));
    }

    @Test
    void channelsLastAndFlatInputsGiveTheProbabilitiesOfChannelsFirst() throws Exception {
        JsonNode expected = predict(channelsFirst);
        Path last = write("last.onnx", fedThrough(transpose(), "conv2d_input", 0, 28, 28, 1));
        Path flat = write("flat.onnx", fedThrough(reshape(), "flat", 0, 784));
        Path lastOne = write("last-1.onnx", fedThrough(transpose(), "conv2d_input", 1, 28, 28, 1));
        for (Path model : List.of(last, flat, lastOne)) {
            JsonNode answers = predict(model);
            assertThat(answers).as(model.getFileName().toString()).hasSize(IMAGES.size());
            for (int i = 0; i < IMAGES.size(); i++) {
                assertThat(answers.get(i).get("digit"))
                        .isEqualTo(expected.get(i).get("digit"));
                assertThat(answers.get(i).get("probability").asDouble())
                        .as("%s, %s", model.getFileName(), IMAGES.get(i))
                        .isEqualTo(expected.get(i).get("probability").asDouble());
            }
        }
    }

    @Test
    void theJavaApiAndServeFeedAChannelsLastModelToo() throws Exception {
        JsonNode expected = predict(channelsFirst);
        Path last = write("last-api.onnx", fedThrough(transpose(), "conv2d_input", 0, 28, 28, 1));
        try (lenet.api.Recognizer recognizer = lenet.api.Recognizer.open(last)) {
            for (int i = 0; i < IMAGES.size(); i++) {
                lenet.api.Recognition answer = recognizer.recognize(Path.of(IMAGES.get(i)));
                assertThat(answer.index())
                        .isEqualTo(expected.get(i).get("index").asInt());
                assertThat(answer.probability())
                        .isCloseTo(
                                expected.get(i).get("probability").asDouble(),
                                org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        Path photo = Path.of(IMAGES.get(1));
        try (Classifier classifier = Classifiers.load(last, null);
                lenet.serving.DigitServer server = lenet.serving.DigitServer.start(
                        classifier,
                        java.util.Map.of("status", "ok"),
                        lenet.serving.ServeSettings.defaults("127.0.0.1", 0))) {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            server.address().resolve("predict"))
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(photo))
                                    .header("Content-Type", "image/jpeg")
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode served = Json.MAPPER.readTree(answer.body());
            assertThat(served.get("index")).isEqualTo(expected.get(1).get("index"));
            assertThat(served.get("probability")).isEqualTo(expected.get(1).get("probability"));
        }
    }

    @Test
    void evalReadsTheTestSetThroughEveryLayout() throws Exception {
        double first = accuracy(channelsFirst);
        assertThat(first).isGreaterThan(0.95);
        assertThat(accuracy(write("last-eval.onnx", fedThrough(transpose(), "conv2d_input", 0, 28, 28, 1))))
                .isEqualTo(first);
        assertThat(accuracy(write("flat-eval.onnx", fedThrough(reshape(), "flat", 0, 784))))
                .isEqualTo(first);
    }

    @Test
    void aChannelsLastImageOfThreeChannelsIsStillRefused() throws Exception {
        Path rgb = write("rgb.onnx", fedThrough(transpose(), "rgb_input", 0, 28, 28, 3));
        CliRun run = CliRun.of("predict", "--model", rgb.toString(), IMAGES.get(0));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("rgb.onnx: input 'rgb_input' is N×28×28×3 float; lenet feeds N×1×28×28, N×28×28×1 or "
                        + "N×784 float");
    }

    private static double accuracy(Path model) throws Exception {
        CliRun run = CliRun.of("eval", "--model", model.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.MAPPER.readTree(run.out()).get("accuracy").asDouble();
    }

    private static JsonNode predict(Path model) throws Exception {
        String[] args = new String[4 + IMAGES.size()];
        args[0] = "predict";
        args[1] = "--model";
        args[2] = model.toString();
        args[3] = "--json";
        for (int i = 0; i < IMAGES.size(); i++) {
            args[4 + i] = IMAGES.get(i);
        }
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.MAPPER.readTree("[" + String.join(",", run.out().strip().split("\n")) + "]");
    }

    /**
     * lenet's exported graph with a new input {@code name} of shape {@code batch}×{@code image} (batch 0: symbolic)
     * turned into lenet's N×1×28×28 input by {@code node} first, as a converter from another layout writes it.
     */
    private static ModelProto fedThrough(NodeProto.Builder node, String name, int batch, long... image) {
        ModelProto.Builder model = exported.toBuilder();
        String lenetInput = model.getGraph().getInput(0).getName();
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        if (batch > 0) {
            shape.addDimBuilder().setDimValue(batch);
        } else {
            shape.addDimBuilder().setDimParam("N");
        }
        for (long size : image) {
            shape.addDimBuilder().setDimValue(size);
        }
        ValueInfoProto.Builder input = model.getGraph().getInput(0).toBuilder().setName(name);
        input.getTypeBuilder().getTensorTypeBuilder().setShape(shape);
        model.getGraphBuilder().setInput(0, input);
        node.clearInput().addInput(name);
        if (node.getOpType().equals("Reshape")) {
            node.addInput("to_nchw");
            model.getGraphBuilder()
                    .addInitializer(TensorProto.newBuilder()
                            .setName("to_nchw")
                            .setDataType(TensorProto.DataType.INT64_VALUE)
                            .addDims(4)
                            .addAllInt64Data(List.of(-1L, 1L, 28L, 28L)));
        }
        node.clearOutput().addOutput(lenetInput);
        List<NodeProto> nodes = List.copyOf(model.getGraph().getNodeList());
        model.getGraphBuilder().clearNode().addNode(node).addAllNode(nodes);
        return model.build();
    }

    private static NodeProto.Builder transpose() {
        return NodeProto.newBuilder()
                .setOpType("Transpose")
                .setName("to_channels_first")
                .addAttribute(AttributeProto.newBuilder()
                        .setName("perm")
                        .setType(AttributeProto.AttributeType.INTS)
                        .addAllInts(List.of(0L, 3L, 1L, 2L)));
    }

    private static NodeProto.Builder reshape() {
        return NodeProto.newBuilder().setOpType("Reshape").setName("to_image");
    }

    private static Path write(String name, ModelProto model) throws Exception {
        return Files.write(dir.resolve(name), model.toByteArray());
    }
}
