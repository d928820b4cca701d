package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.testing.TestModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * TorchServe's inference API as pytorch/serve docs/inference_api.md shows it used: {@code curl .../ping}, {@code curl
 * .../predictions/resnet-18 -T kitten_small.jpg} (curl's -T is a PUT), {@code -F "data=@kitten_small.jpg"} (a POST of
 * the multipart field {@code data}), {@code /predictions/{model_name}/{version}}; the answer as the image_classifier
 * handler makes it (ts/torch_handler/image_classifier.py: {@code topk = 5}, {@code torch.topk} of the softmax, then
 * ts/utils/util.py map_class_to_label: {@code {label: probability}}, most likely first). The oracle for the
 * probabilities is {@code POST /predict?show=true} on the same image.
 */
@Tag("cpu-sensitive")
class ServeTorchServeTest {
    static Classifier classifier;
    static DigitServer server;
    static Http http;

    @BeforeAll
    static void start() {
        classifier = Classifiers.load(TestModel.path(), null);
        server = DigitServer.start(classifier, "mnist", Map.of("status", "ok"), ServeSettings.defaults("127.0.0.1", 0));
        http = new Http(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
        classifier.close();
    }

    @Test
    void pingAnswersAsTorchServesFrontendDoes() {
        Http.Answer ping = http.get("ping");
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.json()).isEqualTo(ServeInferenceProtocolTest.json("{\"status\": \"Healthy\"}"));
    }

    /** The five most likely classes of the oracle's probabilities, most likely first. */
    static List<Integer> topFive(JsonNode probabilities) {
        return IntStream.range(0, probabilities.size())
                .boxed()
                .sorted(Comparator.comparingDouble(
                                (Integer i) -> probabilities.get(i).asDouble())
                        .reversed())
                .limit(5)
                .toList();
    }

    static void isTopFiveOf(Http.Answer answer, JsonNode oracle) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode top = answer.json();
        List<String> names = new ArrayList<>();
        top.fieldNames().forEachRemaining(names::add);
        assertThat(names).hasSize(5);
        assertThat(names.get(0)).isEqualTo(oracle.get("class").asText());
        // no class left out is more likely than one given (to the oracle's 6 decimals, where ties may swap places)
        double fifth = oracle.get("probabilities")
                .get(topFive(oracle.get("probabilities")).get(4))
                .asDouble();
        for (String name : names) {
            assertThat(oracle.get("probabilities").get(Integer.parseInt(name)).asDouble())
                    .isGreaterThanOrEqualTo(fifth - 2e-6);
        }
        double previous = 1;
        for (String name : names) {
            int index = Integer.parseInt(name); // the test model's classes are the digits' names
            assertThat(top.get(name).asDouble())
                    .isCloseTo(oracle.get("probabilities").get(index).asDouble(), within(2e-6))
                    .isLessThanOrEqualTo(previous);
            previous = top.get(name).asDouble();
        }
    }

    @Test
    void curlDashTPutsTheFileAndTheAnswerIsTheTopFiveClassesMostLikelyFirst() throws IOException {
        byte[] photo = Files.readAllBytes(ServeInferenceProtocolTest.SEVEN);
        JsonNode oracle = ServeInferenceProtocolTest.shown(http, photo);
        isTopFiveOf(http.put("predictions/mnist", photo), oracle);
    }

    @Test
    void theMultipartFieldDataAndTheVersionedPathAnswerTheSame() throws IOException {
        byte[] drawing = Files.readAllBytes(java.nio.file.Path.of("src/site/resources/digits/two-drawing.png"));
        JsonNode oracle = ServeInferenceProtocolTest.shown(http, drawing);
        isTopFiveOf(http.upload("predictions/mnist", "data", "two-drawing.png", drawing), oracle);
        isTopFiveOf(http.post("predictions/mnist/1", drawing, "image/png"), oracle);
    }

    @Test
    void anotherModelOrVersionIs404AndAnUnreadableImage400WithoutAStackTrace() {
        Http.Answer other = http.post("predictions/resnet-18", new byte[] {1, 2, 3}, "image/jpeg");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("error").asText()).startsWith("Model not found: resnet-18");
        assertThat(http.post("predictions/mnist/2.0", new byte[] {1}, "image/png")
                        .status())
                .isEqualTo(404);
        Http.Answer unreadable = http.post("predictions/mnist", "hello".getBytes(), "image/png");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.json().get("error").asText()).doesNotContain("\tat ");
        Http.Answer noField = http.upload("predictions/mnist", "image", "x.png", new byte[] {1});
        assertThat(noField.status()).isEqualTo(400);
        assertThat(noField.json().get("error").asText()).contains("no field \"data\"");
        assertThat(http.get("metrics").body())
                .contains("route=\"/predictions/{name}\"")
                .doesNotContain("resnet");
    }
}
