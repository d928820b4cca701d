package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 64 images in one Open Inference Protocol request answer as 64 single {@code POST /predict}s of the same files (the
 * oracle, itself held to {@code lenet predict --json} by ServeHttpTest), and the same request as JSON and with binary
 * tensor data (extension_binary_data.md) gives the same answer.
 */
@Tag("cpu-sensitive")
class ServeInferenceBatchTest {
    static final int N = 64;
    static Classifier classifier;
    static DigitServer server;
    static Http http;

    @BeforeAll
    static void start() {
        classifier = Classifiers.load(TestModel.path(), null);
        server = DigitServer.start(classifier, Map.of("status", "ok"), ServeSettings.defaults("127.0.0.1", 0));
        http = new Http(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
        classifier.close();
    }

    /** The JSON with its binary data after it, and Inference-Header-Content-Length. */
    static Http.Raw binary(String json, byte[] data) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header);
        body.writeBytes(data);
        return http.exchange(
                "POST",
                "v2/models/lenet/infer",
                body.toByteArray(),
                "Content-Type",
                "application/octet-stream",
                "Inference-Header-Content-Length",
                Integer.toString(header.length));
    }

    /** The JSON part of a binary answer, and its probabilities [N, C] read from the bytes after it. */
    static float[][] probabilities(Http.Raw answer, int classes) throws Exception {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        int length = Integer.parseInt(answer.header("Inference-Header-Content-Length"));
        JsonNode outputs = Http.JSON
                .readTree(new String(answer.body(), 0, length, StandardCharsets.UTF_8))
                .get("outputs");
        assertThat(outputs.get(0).get("name").asText()).isEqualTo("probabilities");
        assertThat(outputs.get(0).get("shape"))
                .isEqualTo(ServeInferenceProtocolTest.json("[" + N + ", " + classes + "]"));
        ByteBuffer bytes = ByteBuffer.wrap(answer.body(), length, answer.body().length - length)
                .order(ByteOrder.LITTLE_ENDIAN);
        float[][] p = new float[N][classes];
        for (float[] row : p) {
            bytes.asFloatBuffer();
            for (int c = 0; c < classes; c++) {
                row[c] = bytes.getFloat();
            }
        }
        return p;
    }

    @Test
    void sixtyFourImagesInOneRequestAnswerAsSixtyFourSinglePredictsAndBinaryAsJson() throws Exception {
        List<byte[]> files = new ArrayList<>();
        List<JsonNode> singles = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            files.add(MnistImages.png28(i));
            singles.add(ServeInferenceProtocolTest.shown(http, files.get(i)));
        }
        int classes = singles.get(0).get("probabilities").size();

        // BYTES, binary in and out: each element a 4-byte little-endian length, then the file
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        for (byte[] file : files) {
            elements.writeBytes(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(file.length)
                    .array());
            elements.writeBytes(file);
        }
        float[][] fromFiles = probabilities(
                binary(
                        "{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [" + N
                                + "], \"parameters\":"
                                + " {\"binary_data_size\": " + elements.size()
                                + "}}], \"outputs\": [{\"name\": \"probabilities\","
                                + " \"parameters\": {\"binary_data\": true}}, {\"name\": \"class\"}]}",
                        elements.toByteArray()),
                classes);
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < classes; c++) {
                assertThat((double) fromFiles[i][c])
                        .as("image %d, class %d", i, c)
                        .isCloseTo(singles.get(i).get("probabilities").get(c).asDouble(), within(1e-5));
            }
        }

        // the grey levels /predict saw, as UINT8 binary [N, 28, 28] and as FP32 JSON [N, 784]: the same answers
        byte[] grey = new byte[N * 784];
        StringBuilder scaled = new StringBuilder();
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < 784; k++) {
                int level = singles.get(i).get("pixels").get(k).asInt();
                grey[i * 784 + k] = (byte) level;
                scaled.append(scaled.isEmpty() ? "" : ",").append(level / 255f);
            }
        }
        float[][] fromUint8 = probabilities(
                binary(
                        "{\"parameters\": {\"binary_data_output\": true}, \"inputs\": [{\"name\": \"pixels\", \"datatype\":"
                                + " \"UINT8\", \"shape\": [" + N + ", 28, 28], \"parameters\": {\"binary_data_size\": "
                                + grey.length
                                + "}}], \"outputs\": [{\"name\": \"probabilities\"}]}",
                        grey),
                classes);
        Http.Raw json = http.exchange(
                "POST",
                "v2/models/lenet/infer",
                ("{\"inputs\": [{\"name\": \"pixels\", \"datatype\": \"FP32\", \"shape\": [" + N + ", 784], \"data\": ["
                                + scaled + "]}]}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).as(json.text()).isEqualTo(200);
        JsonNode outputs = Http.JSON.readTree(json.text()).get("outputs");
        for (int i = 0; i < N; i++) {
            assertThat(outputs.get(1).get("data").get(i).asText())
                    .isEqualTo(singles.get(i).get("class").asText());
            for (int c = 0; c < classes; c++) {
                // the same pixels (TensorRequestPixelsTest: bit for bit), in two forward passes: equal to the
                // compute path's rounding, which on an SSE4.1 CPU once differed by 9e-14 (4.8777075E-8, 4.8776982E-8)
                assertThat(outputs.get(0).get("data").get(i * classes + c).floatValue())
                        .as("image %d, class %d: JSON FP32 as binary UINT8", i, c)
                        .isCloseTo(fromUint8[i][c], within(1e-7f));
                assertThat((double) fromUint8[i][c])
                        .isCloseTo(singles.get(i).get("probabilities").get(c).asDouble(), within(1e-5));
            }
        }
    }

    @Test
    void base64InJsonAndRawBytesInBinaryAreTheSameImage() throws Exception {
        byte[] file = MnistImages.png28(7);
        Http.Raw json = http.exchange(
                "POST",
                "v2/models/lenet/infer",
                ("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [1, 1], \"data\": [[\""
                                + Base64.getEncoder().encodeToString(file) + "\"]]}]}")
                        .getBytes(StandardCharsets.UTF_8));
        ByteBuffer element = ByteBuffer.allocate(4 + file.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(file.length)
                .put(file);
        Http.Raw bin = binary(
                "{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [1], \"parameters\":"
                        + " {\"binary_data_size\": " + element.capacity() + "}}]}",
                element.array());
        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertThat(bin.status()).as(bin.text()).isEqualTo(200);
        assertThat(bin.header("Inference-Header-Content-Length")).isNull(); // no output asked for as binary
        assertThat(Http.JSON.readTree(bin.text())).isEqualTo(Http.JSON.readTree(json.text()));
    }
}
