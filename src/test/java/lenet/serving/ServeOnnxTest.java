package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lenet.cli.CliRun;
import lenet.export.ExportRun;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lenet serve --model X.onnx}: the page's API answers from ONNX Runtime as {@code predict} does. */
@Tag("cpu-sensitive")
class ServeOnnxTest {
    @TempDir
    Path dir;

    @Test
    void anOnnxModelIsServedAsPredictReadsIt() throws Exception {
        Path onnx = ExportRun.run(TestModel.path(), dir.resolve("model.onnx")).output();
        Path photo = Path.of("src/site/resources/digits/seven-photo.jpg");
        CliRun predicted = CliRun.of("predict", "--json", "--model", onnx.toString(), photo.toString());
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        ObjectNode expected = (ObjectNode) Http.JSON.readTree(predicted.out());
        expected.remove("file");

        try (Classifier classifier = Classifiers.load(onnx, null);
                DigitServer server =
                        DigitServer.start(classifier, Map.of("status", "ok"), ServeSettings.defaults("127.0.0.1", 0))) {
            assertThat(classifier.runtime()).isEqualTo("onnxruntime");
            Http.Answer answer = new Http(server.address()).post("predict", Files.readAllBytes(photo), "image/jpeg");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json()).isEqualTo(expected);
            assertThat(answer.json().get("digit").asInt()).isEqualTo(7);
            // the Open Inference Protocol names ONNX Runtime as Triton does, and answers as /predict
            assertThat(new Http(server.address())
                            .get("v2/models/lenet")
                            .json()
                            .get("platform")
                            .asText())
                    .isEqualTo("onnxruntime_onnx");
            Http.Raw infer = new Http(server.address())
                    .exchange(
                            "POST",
                            "v2/models/lenet/infer",
                            ("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\""
                                            + java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(photo))
                                            + "\"]}]}")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(infer.status()).as(infer.text()).isEqualTo(200);
            assertThat(Http.JSON
                            .readTree(infer.text())
                            .get("outputs")
                            .get(1)
                            .get("data")
                            .get(0)
                            .asText())
                    .isEqualTo(expected.get("class").asText());
        }
    }
}
