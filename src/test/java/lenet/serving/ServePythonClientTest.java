package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/test/python/oip_client.py, a client written from the Open Inference Protocol's, Triton's binary extension's and
 * TorchServe's documents only, in Python's standard library, run against a server this test starts: JSON FP32 and
 * UINT8, BYTES images, binary data in and out, metadata and health, and TorchServe's /ping and /predictions. What it
 * should answer comes from {@code POST /predict?show=true} on the same files.
 */
@Tag("cpu-sensitive")
class ServePythonClientTest {
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @TempDir
    Path dir;

    @Test
    void theStandardLibraryClientPassesEveryCheck() throws Exception {
        try (Classifier classifier = Classifiers.load(TestModel.path(), null);
                DigitServer server = DigitServer.start(
                        classifier, "mnist", Map.of("status", "ok"), ServeSettings.defaults("127.0.0.1", 0))) {
            Http http = new Http(server.address());
            ArrayNode images = Http.JSON.createArrayNode();
            for (String file : List.of("seven-photo.jpg", "two-drawing.png")) {
                Path path = Path.of("src/site/resources/digits", file).toAbsolutePath();
                JsonNode shown = ServeInferenceProtocolTest.shown(http, Files.readAllBytes(path));
                ObjectNode image = images.addObject();
                image.put("path", path.toString());
                image.put("class", shown.get("class").asText());
                image.set("pixels", shown.get("pixels"));
                image.set("probabilities", shown.get("probabilities"));
            }
            Path cases = dir.resolve("cases.json");
            Files.writeString(cases, Http.JSON.writeValueAsString(Map.of("images", images)));
            Process client = new ProcessBuilder(
                            PYTHON,
                            "src/test/python/oip_client.py",
                            server.address().toString(),
                            "mnist",
                            cases.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(client.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(client.exitValue()).as(output).isZero();
            assertThat(output).endsWith("all checks passed\n").doesNotContain("FAILED");
        }
    }
}
