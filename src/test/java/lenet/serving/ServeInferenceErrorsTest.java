package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lenet.testing.MnistImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way an Open Inference Protocol inference request can be wrong, each answered with the specification's
 * "Inference Response JSON Error Object" ({@code {"error": <error message string>}}, "typically 400";
 * inference_rest.md), 404 for another model, 413 for a body over the limit, 503 when the queue is full; never a stack
 * trace, and the server answers the next request. The network is a stand-in: no case reaches it.
 */
class ServeInferenceErrorsTest {
    static DigitServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = DigitServer.start(
                inputs -> inputs.stream().map(i -> BatcherTest.prediction(3)).toList(),
                Map.of("status", "ok"),
                ServeSettings.defaults("127.0.0.1", 0));
        http = new Http(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Case(String what, String path, byte[] body, String[] headers, int status, String says) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Case json(String what, String body, String says) {
        return new Case(what, "v2/models/lenet/infer", body.getBytes(StandardCharsets.UTF_8), new String[0], 400, says);
    }

    /** The JSON, then {@code binary}, with Inference-Header-Content-Length the JSON's length (or {@code header}). */
    static Case binary(String what, String body, byte[] binary, String header, String says) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(json, json.length + binary.length);
        System.arraycopy(binary, 0, all, json.length, binary.length);
        String length = header == null ? Integer.toString(json.length) : header;
        return new Case(
                what,
                "v2/models/lenet/infer",
                all,
                new String[] {"Inference-Header-Content-Length", length},
                400,
                says);
    }

    static String pixels(String datatype, String shape, String data) {
        return "{\"inputs\": [{\"name\": \"pixels\", \"datatype\": \"" + datatype + "\", \"shape\": " + shape
                + ", \"data\": " + data + "}]}";
    }

    static String image(String data) {
        return "{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": " + data + "}]}";
    }

    static String zeros(int n) {
        return "[" + String.join(",", java.util.Collections.nCopies(n, "0")) + "]";
    }

    static String sized(String name, String datatype, String shape, int size) {
        return "{\"inputs\": [{\"name\": \"" + name + "\", \"datatype\": \"" + datatype + "\", \"shape\": " + shape
                + ", \"parameters\": {\"binary_data_size\": " + size + "}}]}";
    }

    static Stream<Case> cases() {
        byte[] nan = ByteBuffer.allocate(784 * 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(5 * 4, Float.NaN)
                .array();
        byte[] longer = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(1000)
                .array();
        String specExample =
                "{\"id\" : \"42\", \"inputs\" : [{\"name\" : \"input0\", \"shape\" : [ 2, 2 ], \"datatype\" :"
                        + " \"UINT32\", \"data\" : [ 1, 2, 3, 4 ]}, {\"name\" : \"input1\", \"shape\" : [ 3 ], \"datatype\" :"
                        + " \"BOOL\", \"data\" : [ true ]}], \"outputs\" : [{\"name\" : \"output0\"}]}";
        return Stream.of(
                json("a body that is not JSON", "{\"inputs\": [", "not JSON"),
                json("JSON that is not an object", "[1, 2]", "not a JSON object"),
                json("no inputs", "{}", "\"inputs\" must be an array"),
                json("an empty list of inputs", "{\"inputs\": []}", "\"inputs\" must be an array"),
                json("the specification's own example (two inputs)", specExample, "2 inputs; the model takes one"),
                json(
                        "an input of another name",
                        pixels("UINT8", "[1, 784]", zeros(784)).replace("pixels", "input0"),
                        "no input \"input0\""),
                json(
                        "an input without a datatype",
                        "{\"inputs\": [{\"name\": \"pixels\", \"shape\": [1, 784], \"data\": []}]}",
                        "has no \"datatype\""),
                json("pixels as INT32", pixels("INT32", "[1, 784]", zeros(784)), "not INT32"),
                json("an image that is not BYTES", image("[\"AAAA\"]").replace("BYTES", "FP32"), "is BYTES"),
                json("pixels of another shape", pixels("UINT8", "[1, 28]", zeros(28)), "the shape must be"),
                json("a negative size", pixels("UINT8", "[-1, 784]", zeros(784)), "integers ≥ 0"),
                json(
                        "no shape",
                        "{\"inputs\": [{\"name\": \"pixels\", \"datatype\": \"UINT8\", \"data\": [1]}]}",
                        "has no \"shape\""),
                json("fewer values than the shape says", pixels("UINT8", "[1, 784]", "[1, 2, 3]"), "holds 3 values"),
                json("more values than the shape says", pixels("UINT8", "[1, 784]", zeros(785)), "holds 785 values"),
                json("no image in the batch", pixels("UINT8", "[0, 784]", "[]"), "holds no image"),
                json("more images than the queue holds", pixels("UINT8", "[300, 784]", "[]"), "at most 256"),
                json(
                        "FP32 above 1",
                        pixels("FP32", "[1, 784]", zeros(784).replaceFirst("0", "2.5")),
                        "FP32 pixels are 0 to 1"),
                json(
                        "FP32 below 0",
                        pixels("FP32", "[1, 784]", zeros(784).replaceFirst("0", "-0.1")),
                        "FP32 pixels are 0 to 1"),
                json(
                        "FP32 beyond a float",
                        pixels("FP32", "[1, 784]", zeros(784).replaceFirst("0", "1e999")),
                        "0 to 1"),
                json("NaN in JSON", pixels("FP32", "[1, 784]", zeros(784).replaceFirst("0", "NaN")), "not JSON"),
                json(
                        "UINT8 above 255",
                        pixels("UINT8", "[1, 784]", zeros(784).replaceFirst("0", "256")),
                        "integers 0 to 255"),
                json(
                        "UINT8 with a fraction",
                        pixels("UINT8", "[1, 784]", zeros(784).replaceFirst("0", "1.5")),
                        "integers 0 to 255"),
                json(
                        "a string among pixels",
                        pixels("UINT8", "[1, 784]", zeros(784).replaceFirst("0", "\"0\"")),
                        "not a number"),
                json(
                        "neither data nor binary_data_size",
                        "{\"inputs\": [{\"name\": \"pixels\", \"datatype\": \"UINT8\"," + " \"shape\": [1, 784]}]}",
                        "neither \"data\" nor binary_data_size"),
                json(
                        "an id that is not a string",
                        "{\"id\": 42, "
                                + pixels("UINT8", "[1, 784]", zeros(784)).substring(1),
                        "\"id\" must be a string"),
                json(
                        "an output the model does not give",
                        pixels("UINT8", "[1, 784]", zeros(784))
                                .replace("}]}", "}], \"outputs\": [{\"name\": \"output0\"}]}"),
                        "no output \"output0\""),
                json(
                        "outputs that are not a list",
                        pixels("UINT8", "[1, 784]", zeros(784))
                                .replace("}]}", "}], \"outputs\": {\"name\": \"class\"}}"),
                        "\"outputs\" must be an array"),
                json(
                        "binary_data that is not a boolean",
                        pixels("UINT8", "[1, 784]", zeros(784))
                                .replace(
                                        "}]}",
                                        "}], \"outputs\": [{\"name\": \"class\", \"parameters\": {\"binary_data\": \"yes\"}}]}"),
                        "must be true or false"),
                json("an image that is not base64", image("[\"not base64!\"]"), "is not base64"),
                json("an image that is not a string", image("[17]"), "not a string"),
                json(
                        "an image file lenet cannot read",
                        image("[\"" + Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8))
                                + "\"]"),
                        "input \"image\""),
                json("fewer images than the shape says", image("[]"), "holds 0 elements; the shape says 1"),
                new Case(
                        "binary data without Inference-Header-Content-Length",
                        "v2/models/lenet/infer",
                        binary("", sized("pixels", "UINT8", "[1, 784]", 784), new byte[784], null, "")
                                .body(),
                        new String[0],
                        400,
                        "binary data after it needs Inference-Header-Content-Length"),
                binary(
                        "Inference-Header-Content-Length not a number",
                        sized("pixels", "UINT8", "[1, 784]", 784),
                        new byte[784],
                        "many",
                        "not a length within"),
                binary(
                        "Inference-Header-Content-Length past the body",
                        sized("pixels", "UINT8", "[1, 784]", 784),
                        new byte[784],
                        "999999",
                        "not a length within"),
                binary(
                        "binary_data_size past the body",
                        sized("pixels", "UINT8", "[1, 784]", 785),
                        new byte[784],
                        null,
                        "binary_data_size 785"),
                binary(
                        "binary_data_size not what the shape needs",
                        sized("pixels", "UINT8", "[1, 784]", 100),
                        new byte[100],
                        null,
                        "the shape needs 784 bytes"),
                binary(
                        "bytes after the inputs",
                        sized("pixels", "UINT8", "[1, 784]", 784),
                        new byte[790],
                        null,
                        "6 bytes after"),
                binary(
                        "data and binary_data_size both",
                        pixels("UINT8", "[1, 784]", zeros(784))
                                .replace("}]}", ", \"parameters\": {\"binary_data_size\": 784}}]}"),
                        new byte[784],
                        null,
                        "both"),
                binary("NaN in binary FP32", sized("pixels", "FP32", "[1, 1, 28, 28]", 784 * 4), nan, null, "NaN"),
                binary(
                        "a BYTES length past the data",
                        sized("image", "BYTES", "[1]", 8),
                        longer,
                        null,
                        "1000 bytes long"),
                new Case(
                        "another model",
                        "v2/models/resnet50/infer",
                        pixels("UINT8", "[1, 784]", zeros(784)).getBytes(StandardCharsets.UTF_8),
                        new String[0],
                        404,
                        "no model \"resnet50\""),
                new Case(
                        "another version",
                        "v2/models/lenet/versions/7/infer",
                        pixels("UINT8", "[1, 784]", zeros(784)).getBytes(StandardCharsets.UTF_8),
                        new String[0],
                        404,
                        "no version \"7\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachWrongRequestIsTheSpecificationsErrorObjectAndTheServerAnswersTheNext(Case wrong) {
        Http.Raw answer = http.exchange("POST", wrong.path(), wrong.body(), wrong.headers());
        assertThat(answer.status()).as(answer.text()).isEqualTo(wrong.status());
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode error = ServeInferenceProtocolTest.json(answer.text());
        assertThat(error.size()).isEqualTo(1);
        assertThat(error.get("error").asText())
                .contains(wrong.says())
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        Http.Raw next = http.exchange(
                "POST",
                "v2/models/lenet/infer",
                pixels("UINT8", "[1, 784]", zeros(784)).getBytes(StandardCharsets.UTF_8));
        assertThat(next.status()).as(next.text()).isEqualTo(200);
    }

    /**
     * A body over 10 MB is refused as {@code POST /predict} refuses it: declared, before it is sent (as curl sends a
     * large body, waiting for 100 Continue; a client that sends it regardless may find the connection closed before it
     * reads the answer), or chunked, once 10 MB and one byte have come.
     */
    @Test
    void aBodyOver10MbIs413WhetherDeclaredOrChunked() throws Exception {
        String declared;
        try (java.net.Socket socket =
                new java.net.Socket(server.address().getHost(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /v2/models/lenet/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + (ServeSettings.MAX_BODY_BYTES + 1)
                                    + "\r\nExpect: 100-continue\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            declared = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(declared).startsWith("HTTP/1.1 413").doesNotContain("100 Continue");
        assertThat(declared).contains("{\"error\":\"request body too large (10,485,761 bytes; the limit is 10 MB)\"}");
        Http.Answer chunked = http.postChunked(
                "v2/models/lenet/infer", new byte[ServeSettings.MAX_BODY_BYTES + 1], "application/json");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().get("error").asText()).contains("too large");
    }

    @Test
    void aRequestForMoreImagesThanTheQueueHasRoomForIs503WithRetryAfter() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayAnswer = new CountDownLatch(1);
        ServeSettings settings = ServeSettings.defaults("127.0.0.1", 0).withBatching(1, Duration.ZERO, 2);
        try (DigitServer held = DigitServer.start(
                inputs -> {
                    started.countDown();
                    try {
                        mayAnswer.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return inputs.stream().map(i -> BatcherTest.prediction(3)).toList();
                },
                Map.of("status", "ok"),
                settings)) {
            Http client = new Http(held.address());
            List<CompletableFuture<Http.Answer>> waiting = new ArrayList<>();
            waiting.add(CompletableFuture.supplyAsync(() -> client.post("predict", MnistImages.png28(0), "image/png")));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            waiting.add(CompletableFuture.supplyAsync(() -> client.post("predict", MnistImages.png28(1), "image/png")));
            long deadline = System.currentTimeMillis() + 30_000;
            while (Metrics.value(client.get("metrics").body(), "lenet_queue_depth") < 1
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Http.Raw refused = client.exchange(
                    "POST",
                    "v2/models/lenet/infer",
                    pixels("UINT8", "[2, 784]", zeros(2 * 784)).getBytes(StandardCharsets.UTF_8));
            assertThat(refused.status()).as(refused.text()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(ServeInferenceProtocolTest.json(refused.text())
                            .get("error")
                            .asText())
                    .isEqualTo("busy: the queue has room for 1 of the request's 2 images; try again in a second");
            mayAnswer.countDown();
            for (CompletableFuture<Http.Answer> answer : waiting) {
                assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        }
    }
}
