package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import lenet.core.Versions;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.testing.TestModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Open Inference Protocol (KServe V2) REST API of {@code lenet serve}, checked against the specification's text
 * and examples: kserve/open-inference-protocol specification/protocol/inference_rest.md (server and model metadata,
 * health, the inference request and response) and triton-inference-server/server docs/protocol/extension_binary_data.md
 * (binary tensor data). The oracle for every probability is {@code POST /predict?show=true} on the same image: the
 * route that {@code ServeHttpTest} holds to {@code lenet predict --json}, with the 28×28 grey image the network saw.
 */
@Tag("cpu-sensitive")
class ServeInferenceProtocolTest {
    static final Path SEVEN = Path.of("src/site/resources/digits/seven-photo.jpg");
    static Classifier classifier;
    static DigitServer server;
    static Http http;

    @BeforeAll
    static void start() {
        classifier = Classifiers.load(TestModel.path(), null);
        server = DigitServer.start(
                classifier, "mnist-test", Map.of("status", "ok"), ServeSettings.defaults("127.0.0.1", 0));
        http = new Http(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
        classifier.close();
    }

    /** {@code POST /predict?show=true}: the answer, every probability (6 decimals) and the 784 grey levels seen. */
    static JsonNode shown(Http http, byte[] image) {
        Http.Answer answer = http.post("predict?show=true", image, "application/octet-stream");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    static Http.Raw infer(String json) {
        return http.exchange(
                "POST",
                "v2/models/mnist-test/infer",
                json.getBytes(StandardCharsets.UTF_8),
                "Content-Type",
                "application/json");
    }

    static String numbers(JsonNode array, double divisor) {
        StringBuilder out = new StringBuilder();
        for (JsonNode value : array) {
            out.append(out.isEmpty() ? "" : ",");
            out.append(
                    divisor == 1 ? Integer.toString(value.asInt()) : Float.toString((float) (value.asInt() / divisor)));
        }
        return out.toString();
    }

    static void sameProbabilities(JsonNode data, JsonNode expected) {
        assertThat(data.size()).isEqualTo(expected.size());
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.get(i).asDouble())
                    .as("probability %d", i)
                    .isCloseTo(expected.get(i).asDouble(), within(2e-6));
        }
    }

    @Test
    void serverMetadataNamesTheServerItsVersionAndOnlyTheExtensionItImplements() {
        // inference_rest.md, "Server Metadata Response JSON Object": {"name", "version", "extensions"}
        JsonNode metadata = http.get("v2").json();
        assertThat(metadata.get("name").asText()).isEqualTo("lenet");
        assertThat(metadata.get("version").asText()).isEqualTo(Versions.lenet());
        assertThat(metadata.get("extensions"))
                .containsExactly(Http.JSON.getNodeFactory().textNode("binary_tensor_data"));
    }

    @Test
    void healthAndReadinessAnswerAsTheSpecificationsObjects() {
        // "Server Live" {"live": $bool}; "Server Ready" (rest_predict_v2.yaml) {"ready": $bool}; "Model Ready" {"name",
        // "ready"}
        assertThat(http.get("v2/health/live").json()).isEqualTo(json("{\"live\": true}"));
        assertThat(http.get("v2/health/ready").json()).isEqualTo(json("{\"ready\": true}"));
        assertThat(http.get("v2/models/mnist-test/ready").json())
                .isEqualTo(json("{\"name\": \"mnist-test\", \"ready\": true}"));
        assertThat(http.get("v2/models/mnist-test/versions/1/ready").status()).isEqualTo(200);
        assertThat(http.get("v2/models/lenet/ready").status()).isEqualTo(404);
        assertThat(http.get("v2/models/mnist-test/versions/2/ready").status()).isEqualTo(404);
    }

    @Test
    void modelMetadataListsTheInputsAndOutputsWithMinusOneForTheBatch() {
        // "Model Metadata Response JSON Object": name, versions, platform, inputs and outputs as $metadata_tensor
        JsonNode expected = json("{\"name\": \"mnist-test\", \"versions\": [\"1\"], \"platform\": \"deeplearning4j\","
                + " \"inputs\": [{\"name\": \"pixels\", \"datatype\": \"FP32\", \"shape\": [-1, 1, 28, 28]},"
                + " {\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [-1]}],"
                + " \"outputs\": [{\"name\": \"probabilities\", \"datatype\": \"FP32\", \"shape\": [-1, 10]},"
                + " {\"name\": \"class\", \"datatype\": \"BYTES\", \"shape\": [-1]}]}");
        assertThat(http.get("v2/models/mnist-test").json()).isEqualTo(expected);
        assertThat(http.get("v2/models/mnist-test/versions/1").json()).isEqualTo(expected);
        Http.Answer other = http.get("v2/models/lenet");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("error").asText()).contains("mnist-test");
    }

    @Test
    void theSpecificationsInferenceExampleAdaptedToThisModelEchoesTheIdAndGivesTheOutputAskedFor() throws IOException {
        // inference_rest.md, "Inference Request Examples": {"id": "42", "inputs": [...], "outputs": [{"name":
        // "output0"}]}
        // adapted: the one input is "pixels", UINT8 [1, 784] (the spec's is UINT32 [2, 2]), the output "probabilities"
        byte[] photo = Files.readAllBytes(SEVEN);
        JsonNode oracle = shown(http, photo);
        String request = "{\"id\" : \"42\", \"inputs\" : [{\"name\" : \"pixels\", \"shape\" : [ 1, 784 ],"
                + " \"datatype\" : \"UINT8\", \"data\" : [ " + numbers(oracle.get("pixels"), 1) + " ]}],"
                + " \"outputs\" : [{\"name\" : \"probabilities\"}]}";
        Http.Raw answer = infer(request);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode response = json(answer.text());
        // the response example: {"id": "42", "outputs": [{"name": "output0", "shape": [3, 2], "datatype": "FP32",
        // "data"}]}
        assertThat(response.get("id").asText()).isEqualTo("42");
        assertThat(response.get("model_name").asText()).isEqualTo("mnist-test");
        assertThat(response.get("outputs")).hasSize(1);
        JsonNode output = response.get("outputs").get(0);
        assertThat(output.get("name").asText()).isEqualTo("probabilities");
        assertThat(output.get("datatype").asText()).isEqualTo("FP32");
        assertThat(output.get("shape")).isEqualTo(json("[1, 10]"));
        sameProbabilities(output.get("data"), oracle.get("probabilities"));
    }

    @Test
    void fp32InTheExportsScalingNestedAsNchwAnswersAsUint8AndAsTheImageFile() throws IOException {
        byte[] photo = Files.readAllBytes(SEVEN);
        JsonNode oracle = shown(http, photo);
        String[] grey = numbers(oracle.get("pixels"), 255).split(",");
        StringBuilder rows = new StringBuilder();
        for (int y = 0; y < 28; y++) {
            rows.append(y == 0 ? "[" : ",[")
                    .append(String.join(",", Arrays.copyOfRange(grey, y * 28, y * 28 + 28)))
                    .append("]");
        }
        Http.Raw answer =
                infer("{\"inputs\": [{\"name\": \"pixels\", \"shape\": [1, 1, 28, 28], \"datatype\": \"FP32\","
                        + " \"data\": [[[" + rows + "]]]}]}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode outputs = json(answer.text()).get("outputs");
        // no "outputs" in the request: "all outputs produced by the model will be returned"
        assertThat(outputs).hasSize(2);
        assertThat(json(answer.text()).has("id")).isFalse();
        sameProbabilities(outputs.get(0).get("data"), oracle.get("probabilities"));
        assertThat(outputs.get(1).get("name").asText()).isEqualTo("class");
        assertThat(outputs.get(1).get("datatype").asText()).isEqualTo("BYTES");
        assertThat(outputs.get(1).get("data")).isEqualTo(json("[\"7\"]"));

        String base64 = Base64.getEncoder().encodeToString(photo);
        Http.Raw file =
                infer("{\"inputs\": [{\"name\": \"image\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\""
                        + base64 + "\"]}], \"outputs\": [{\"name\": \"probabilities\"}, {\"name\": \"class\"}]}");
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        sameProbabilities(json(file.text()).get("outputs").get(0).get("data"), oracle.get("probabilities"));
        assertThat(json(file.text()).get("outputs").get(1).get("data")).isEqualTo(json("[\"7\"]"));
    }

    @Test
    void theBinaryExtensionsExampleAdaptedGivesTheJsonAnswerAsLittleEndianBytes() throws IOException {
        // extension_binary_data.md, "Examples": the input's bytes after the JSON, Inference-Header-Content-Length the
        // JSON's length, the output asked for with "binary_data": true; adapted: one UINT8 input [1, 28, 28]
        JsonNode oracle = shown(http, Files.readAllBytes(SEVEN));
        byte[] pixels = new byte[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = (byte) oracle.get("pixels").get(i).asInt();
        }
        String header =
                "{\"model_name\" : \"mnist-test\", \"inputs\" : [{\"name\" : \"pixels\", \"shape\" : [ 1, 28, 28 ],"
                        + " \"datatype\" : \"UINT8\", \"parameters\" : {\"binary_data_size\" : 784}}],"
                        + " \"outputs\" : [{\"name\" : \"probabilities\", \"parameters\" : {\"binary_data\" : true}}]}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(json, json.length + pixels.length);
        System.arraycopy(pixels, 0, body, json.length, pixels.length);
        Http.Raw answer = http.exchange(
                "POST",
                "v2/models/mnist-test/versions/1/infer",
                body,
                "Content-Type",
                "application/octet-stream",
                "Inference-Header-Content-Length",
                Integer.toString(json.length));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        // the response example: Content-Type application/octet-stream, Inference-Header-Content-Length, then
        // {"outputs": [{"name", "shape", "datatype", "parameters": {"binary_data_size": 24}}]} and 24 bytes
        assertThat(answer.header("Content-Type")).startsWith("application/octet-stream");
        int length = Integer.parseInt(answer.header("Inference-Header-Content-Length"));
        JsonNode response = Http.JSON.readTree(new String(answer.body(), 0, length, StandardCharsets.UTF_8));
        JsonNode output = response.get("outputs").get(0);
        assertThat(output.get("shape")).isEqualTo(json("[1, 10]"));
        assertThat(output.get("parameters").get("binary_data_size").asInt()).isEqualTo(40);
        assertThat(output.has("data")).isFalse();
        assertThat(answer.body().length).isEqualTo(length + 40);
        ByteBuffer floats = ByteBuffer.wrap(answer.body(), length, 40).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 10; i++) {
            assertThat((double) floats.getFloat())
                    .as("probability %d", i)
                    .isCloseTo(oracle.get("probabilities").get(i).asDouble(), within(2e-6));
        }
    }

    @Test
    void binaryDataOutputForTheWholeRequestAndBinaryBytesOfTheClassNames() throws IOException {
        // extension_binary_data.md: "binary_data_output" on the request; BYTES as a 4-byte length and the bytes
        byte[] photo = Files.readAllBytes(SEVEN);
        byte[] header = ("{\"parameters\": {\"binary_data_output\": true}, \"inputs\": [{\"name\": \"image\","
                        + " \"shape\": [1], \"datatype\": \"BYTES\", \"parameters\": {\"binary_data_size\": "
                        + (4 + photo.length) + "}}], \"outputs\": [{\"name\": \"class\"},"
                        + " {\"name\": \"probabilities\", \"parameters\": {\"binary_data\": false}}]}")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(header.length + 4 + photo.length).order(ByteOrder.LITTLE_ENDIAN);
        body.put(header).putInt(photo.length).put(photo);
        Http.Raw answer = http.exchange(
                "POST",
                "v2/models/mnist-test/infer",
                body.array(),
                "Inference-Header-Content-Length",
                Integer.toString(header.length));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        int length = Integer.parseInt(answer.header("Inference-Header-Content-Length"));
        JsonNode outputs = Http.JSON
                .readTree(new String(answer.body(), 0, length, StandardCharsets.UTF_8))
                .get("outputs");
        assertThat(outputs.get(0).get("name").asText()).isEqualTo("class");
        assertThat(outputs.get(0).get("parameters").get("binary_data_size").asInt())
                .isEqualTo(5);
        assertThat(Arrays.copyOfRange(answer.body(), length, length + 5)).containsExactly(1, 0, 0, 0, '7');
        sameProbabilities(outputs.get(1).get("data"), shown(http, photo).get("probabilities"));
    }

    @Test
    void theModelIsNamedByItsFilesBaseNameUnlessServeNameGivesOne() {
        // "lenet" for models/lenet.zip (ServeCommandTest serves it so, end to end); serve --name gives another
        assertThat(ServeRun.modelName(Path.of("models/lenet.zip"))).isEqualTo("lenet");
        assertThat(ServeRun.modelName(Path.of("/m/fashion-mnist.zip"))).isEqualTo("fashion-mnist");
        assertThat(ServeRun.modelName(Path.of("mnist-12.onnx"))).isEqualTo("mnist-12");
    }

    @Test
    void theNewRoutesAreCountedInTheMetricsUnderTheirPatternsNeverTheirRawPaths() {
        http.get("v2/models/mnist-test/versions/1");
        http.get("v2/models/no-such-model-" + System.nanoTime() + "/ready");
        String scrape = http.get("metrics").body();
        assertThat(scrape).contains("route=\"/v2/models/{name}\"").contains("route=\"/v2/models/{name}/ready\"");
        assertThat(scrape).doesNotContain("no-such-model").doesNotContain("versions/1");
    }

    static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
