package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import lenet.checkpoint.Checkpoints;
import lenet.cli.CliRun;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route and every error status of {@code lenet serve}, through a real HTTP client against a server on a free
 * loopback port. The oracle for an answer is {@code lenet predict --json} on the same file.
 */
@Tag("cpu-sensitive")
class ServeHttpTest {
    static DigitServer server;
    static Http http;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        model = TestModel.path();
        MultiLayerNetwork network = Checkpoints.load(model, false).network();
        server = DigitServer.start(
                network,
                Map.of("status", "ok", "model", "test.zip", "backend", "CPU"),
                ServeSettings.defaults("127.0.0.1", 0));
        http = new Http(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What {@code lenet predict --json} prints for the file, without "file". */
    private static JsonNode predicted(Path file, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", "--json", "--model", model.toString()));
        args.addAll(Arrays.asList(options));
        args.add(file.toString());
        CliRun run = CliRun.of(args.toArray(String[]::new));
        ObjectNode line = (ObjectNode) Http.JSON.readTree(run.out());
        line.remove("file");
        return line;
    }

    @Test
    void anImageAsTheBodyIsAnsweredAsPredictJsonAnswersTheFile() throws IOException {
        Path photo = Path.of("src/site/resources/digits/seven-photo.jpg");
        Http.Answer answer = http.post("predict", Files.readAllBytes(photo), "image/jpeg");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json()).isEqualTo(predicted(photo));
        assertThat(answer.json().get("digit").asInt()).isEqualTo(7);

        Path drawing = Path.of("src/site/resources/digits/two-drawing.png");
        Http.Answer octets = http.post("predict", Files.readAllBytes(drawing), "application/octet-stream");
        assertThat(octets.json()).isEqualTo(predicted(drawing));
    }

    @Test
    void aMultipartUploadWithTheFieldImageWorksLikeCurlDashF() throws IOException {
        Path drawing = Path.of("src/site/resources/digits/two-drawing.png");
        Http.Answer answer = http.upload("image", "two-drawing.png", Files.readAllBytes(drawing));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(predicted(drawing));

        Http.Answer wrongField = http.upload("file", "two-drawing.png", Files.readAllBytes(drawing));
        assertThat(wrongField.status()).isEqualTo(400);
        assertThat(wrongField.json().get("error").asText()).contains("no field \"image\"");
    }

    @Test
    void showAddsEveryProbabilityAndTheImageTheNetworkSaw() throws IOException {
        Path file = dir.resolve("digit.png");
        Files.write(file, MnistImages.png28(3));
        Http.Answer answer = http.post("predict?show=true", Files.readAllBytes(file), "image/png");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("probabilities")).hasSize(10);
        double sum = 0;
        for (JsonNode p : json.get("probabilities")) {
            sum += p.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(json.get("probabilities").get(json.get("digit").asInt()).asDouble())
                .isEqualTo(json.get("probability").asDouble());
        // the pixels are the image predict --save-preprocessed writes for the same file
        Path saved = dir.resolve("seen");
        predicted(file, "--save-preprocessed", saved.toString());
        BufferedImage seen = ImageIO.read(saved.resolve("digit.png").toFile());
        int[] expected = new int[784];
        for (int i = 0; i < 784; i++) {
            expected[i] = seen.getRaster().getSample(i % 28, i / 28, 0);
        }
        int[] pixels = new int[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = json.get("pixels").get(i).asInt();
        }
        assertThat(pixels).isEqualTo(expected);
        assertThat(Arrays.stream(pixels).max().getAsInt()).isGreaterThan(200);
    }

    @Test
    void aBadImageIs400InPredictsWords() throws IOException {
        byte[] text = "this is not an image".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("note.png");
        Files.write(file, text);
        CliRun cli = CliRun.of("predict", "--json", "--model", model.toString(), file.toString());
        String predictError = Http.JSON.readTree(cli.out()).get("error").asText();

        Http.Answer answer = http.post("predict", text, "image/png");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo(predictError);

        byte[] png = MnistImages.png28(0);
        Http.Answer truncated = http.post("predict", Arrays.copyOf(png, png.length / 2), "image/png");
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("error").asText()).startsWith("damaged or truncated image");

        Http.Answer empty = http.post("predict", new byte[0], "image/png");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("error").asText()).contains("empty");

        Http.Answer blank =
                http.post("predict", Files.readAllBytes(Path.of("src/site/resources/digits/blank.png")), "image/png");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("error").asText())
                .isEqualTo(Http.JSON
                        .readTree(CliRun.of(
                                        "predict",
                                        "--json",
                                        "--model",
                                        model.toString(),
                                        "src/site/resources/digits/blank.png")
                                .out())
                        .get("error")
                        .asText());
    }

    @Test
    void aBodyOver10MbIs413WhetherDeclaredOrChunked() throws IOException {
        // as curl sends a large body: headers first, the body only after the server's 100 Continue
        String declared = rawExchange("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                + "Content-Length: " + (ServeSettings.MAX_BODY_BYTES + 1) + "\r\nExpect: 100-continue\r\n\r\n");
        assertThat(declared).startsWith("HTTP/1.1 413").doesNotContain("100 Continue");
        assertThat(declared).contains("{\"error\":\"request body too large (10,485,761 bytes; the limit is 10 MB)\"}");

        byte[] big = new byte[ServeSettings.MAX_BODY_BYTES + 1];
        Http.Answer chunked = http.postChunked("predict", big, "image/png");
        assertThat(chunked.status()).isEqualTo(413);

        // exactly 10 MB is read, and refused for what it is, not for its size
        Http.Answer atTheLimit = http.post("predict", new byte[ServeSettings.MAX_BODY_BYTES], "image/png");
        assertThat(atTheLimit.status()).isEqualTo(400);
    }

    @Test
    void otherStatusesAreJsonErrorsToo() {
        Http.Answer form = http.post("predict", "a=1".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().get("error").asText()).contains("text/plain");

        Http.Answer missing = http.get("nowhere");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).contains("/nowhere");

        Http.Answer wrongMethod = http.get("predict");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").asText()).contains("GET");
    }

    @Test
    void headersOver8KbAre431WithoutAStackTrace() throws IOException {
        String raw = "GET /health HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(9000) + "\r\n\r\n";
        String response = rawExchange(raw);
        assertThat(response).startsWith("HTTP/1.1 431");
        assertThat(response).contains("{\"error\":").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(http.get("health").status()).isEqualTo(200);
    }

    @Test
    void healthNamesTheModelAndTheBackend() {
        Http.Answer health = http.get("health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        assertThat(health.json().get("model").asText()).isEqualTo("test.zip");
        assertThat(health.json().get("backend").asText()).isEqualTo("CPU");
    }

    @Test
    void thePageIsServedByLenetItselfAndNeedsNothingElse() {
        Http.Answer page = http.get("");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<canvas id=\"pad\"", "fetch(\"predict?show=true&seq=\"");
        // works offline: no script, style or font from anywhere else
        assertThat(page.body()).doesNotContain("http://", "https://", "src=", "<link");
    }

    @Test
    void metricsCountRequestsByOutcomeInPrometheusFormat() {
        double okBefore =
                Metrics.value(http.get("metrics").body(), "lenet_requests_total{code=\"200\",route=\"/predict\"}");
        double badBefore =
                Metrics.value(http.get("metrics").body(), "lenet_requests_total{code=\"400\",route=\"/predict\"}");
        assertThat(http.post("predict", MnistImages.png28(1), "image/png").status())
                .isEqualTo(200);
        assertThat(http.post("predict", MnistImages.png28(2), "image/png").status())
                .isEqualTo(200);
        assertThat(http.post("predict", new byte[] {1, 2, 3}, "image/png").status())
                .isEqualTo(400);
        String metrics = http.get("metrics").body();
        assertThat(Metrics.value(metrics, "lenet_requests_total{code=\"200\",route=\"/predict\"}"))
                .isEqualTo(okBefore + 2);
        assertThat(Metrics.value(metrics, "lenet_requests_total{code=\"400\",route=\"/predict\"}"))
                .isEqualTo(badBefore + 1);
        assertThat(metrics)
                .contains("# TYPE lenet_request_duration_seconds histogram")
                .contains("# TYPE lenet_batch_size histogram")
                .contains("lenet_queue_depth ")
                .contains("lenet_requests_in_flight ");
        for (String line : metrics.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                assertThat(line).startsWith("lenet_");
            }
        }
    }

    static String rawExchange(String request) throws IOException {
        try (Socket socket =
                new Socket(server.address().getHost(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
