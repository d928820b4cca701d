package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import lenet.checkpoint.Checkpoints;
import lenet.core.Json;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.data.DatasetImages;
import lenet.testing.SystemPropertyGuard;
import onnx.Onnx.ModelProto;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of another dataset end to end, through the commands as a user runs them: Fashion-MNIST from Debian's copy,
 * and a person's own folder of images. Oracles: the class names Zalando publishes, ONNX Runtime for the export.
 */
class DatasetCommandsTest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    /** Fashion-MNIST's classes as its authors (and torchvision) name them. */
    static final List<String> GARMENTS = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** A bag from Fashion-MNIST's test set, as the README predicts it. */
    static final Path BAG = Path.of("src/site/resources/fashion/bag.png").toAbsolutePath();

    @TempDir
    static Path shared;

    static Path fashion;

    @RegisterExtension
    final SystemPropertyGuard home = new SystemPropertyGuard("lenet.home");

    @TempDir
    Path dir;

    @BeforeAll
    static void trainAFashionModel() {
        if (!Files.isDirectory(FASHION)) {
            return;
        }
        fashion = shared.resolve("fashion.zip");
        CliRun run = CliRun.of(
                "train", "--dataset", "fashion-mnist", "--epochs", "1", "--limit", "3000", "-o", fashion.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("test accuracy ").contains(" on 10,000 Fashion-MNIST test images");
    }

    @Test
    void aFashionModelKnowsItsGarmentsAndItsOwnTestSet() throws IOException {
        assumeTrue(fashion != null, "needs Debian's dataset-fashion-mnist (apt-get install it)");
        assertThat(Checkpoints.readMetadata(fashion).classes().names()).isEqualTo(GARMENTS);
        assertThat(Checkpoints.readMetadata(fashion).classes().dataset()).isEqualTo("fashion-mnist");

        CliRun eval = CliRun.of("eval", "--model", fashion.toString(), "--json");
        CliRun text = CliRun.of("eval", "--model", fashion.toString());

        JsonNode report = Json.MAPPER.readTree(eval.out());
        assertThat(report.get("images").asInt()).isEqualTo(10_000);
        assertThat(report.get("classes")).extracting(JsonNode::asText).containsExactlyElementsOf(GARMENTS);
        assertThat(report.get("per_class").get(7).get("name").asText()).isEqualTo("Sneaker");
        assertThat(text.outLines()).contains("images    10,000 (Fashion-MNIST test set)");
        assertThat(text.outLines()).anyMatch(l -> l.startsWith(" 7 Sneaker "));
    }

    @Test
    void predictNamesTheGarmentAndTakesAnImageOfTheDatasetsOwnKindAsItIs() throws IOException {
        assumeTrue(fashion != null, "needs Debian's dataset-fashion-mnist (apt-get install it)");
        DatasetImages test = DatasetFiles.read(Dataset.FASHION_MNIST, FASHION, false);
        float[] pixels = test.rows(new int[] {0}).getFeatures().toFloatVector();
        BufferedImage own = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            own.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels[i] * 255));
        }
        Path png = dir.resolve("first.png");
        ImageIO.write(own, "png", png.toFile());

        CliRun run = CliRun.of(
                "predict",
                "--model",
                fashion.toString(),
                "--json",
                "--save-preprocessed",
                dir.resolve("seen").toString(),
                png.toString());

        JsonNode answer = Json.MAPPER.readTree(run.out());
        assertThat(GARMENTS).contains(answer.get("class").asText());
        assertThat(answer.get("class").asText())
                .isEqualTo(GARMENTS.get(answer.get("index").asInt()));
        assertThat(answer.has("digit")).isFalse();
        BufferedImage seen =
                ImageIO.read(dir.resolve("seen").resolve("first.png").toFile());
        for (int i = 0; i < 784; i++) {
            assertThat(seen.getRaster().getSample(i % 28, i / 28, 0))
                    .as("pixel %d", i)
                    .isEqualTo(own.getRaster().getSample(i % 28, i / 28, 0));
        }
    }

    @Test
    void theOnnxExportNamesTheClassesAndOnnxRuntimeAgrees() throws IOException {
        assumeTrue(fashion != null, "needs Debian's dataset-fashion-mnist (apt-get install it)");
        Path onnx = dir.resolve("fashion.onnx");

        assertThat(CliRun.of("export", "--model", fashion.toString(), "-o", onnx.toString())
                        .exitCode())
                .isZero();
        CliRun lenet = CliRun.of("eval", "--model", fashion.toString(), "--json");
        CliRun ort = CliRun.of("eval", "--model", onnx.toString(), "--json");

        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
        String classes = model.getMetadataPropsList().stream()
                .filter(p -> p.getKey().equals("lenet.classes"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(Json.MAPPER.readValue(classes, List.class)).isEqualTo(GARMENTS);
        assertThat(model.getGraph()
                        .getOutput(0)
                        .getType()
                        .getTensorType()
                        .getShape()
                        .getDim(1)
                        .getDimValue())
                .isEqualTo(10);
        JsonNode a = Json.MAPPER.readTree(lenet.out());
        JsonNode b = Json.MAPPER.readTree(ort.out());
        assertThat(b.get("classes")).isEqualTo(a.get("classes"));
        assertThat(b.get("accuracy").asDouble())
                .isCloseTo(a.get("accuracy").asDouble(), org.assertj.core.data.Offset.offset(2e-4));
    }

    @Test
    void anotherDatasetsModelGoesToItsOwnFileNotMnists() {
        assumeTrue(Files.isDirectory(FASHION), "needs Debian's dataset-fashion-mnist (apt-get install it)");
        System.setProperty("lenet.home", dir.toString());

        CliRun run = CliRun.of("train", "--dataset", "fashion-mnist", "--epochs", "1", "--limit", "300", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("models").resolve("fashion-mnist.zip")).isRegularFile();
        assertThat(dir.resolve("models").resolve("lenet.zip")).doesNotExist();
        assertThat(dir.resolve("data")).doesNotExist(); // Debian's copy was read in place
        CliRun byName = CliRun.of("predict", "--model", "fashion-mnist", "--json", BAG.toString());
        assertThat(byName.exitCode()).as(byName.err()).isZero();
        assertThat(byName.out()).contains("\"class\":\"");
    }

    @Test
    void unknownDatasetsAndClashingOptionsAreOneLine() {
        CliRun unknown = CliRun.of("train", "--dataset", "cifar10");
        CliRun both = CliRun.of("train", "--dataset", "kmnist", "--images", dir.toString());

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines().get(0))
                .contains("unknown dataset 'cifar10'; one of: mnist, fashion-mnist, kmnist, emnist-digits, "
                        + "emnist-letters, emnist-balanced, qmnist");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLines().get(0)).contains("--images DIR trains on your own images: leave out --dataset");
    }

    @Test
    void yourOwnFolderOfImagesTrainsAModelOfItsClasses() throws IOException {
        Path images = dir.resolve("bars");
        for (String shape : List.of("across", "down")) {
            Path folder = Files.createDirectories(images.resolve(shape));
            for (int i = 0; i < 30; i++) {
                ImageIO.write(
                        bar(shape.equals("across"), i),
                        "png",
                        folder.resolve(i + ".png").toFile());
            }
        }
        Files.writeString(images.resolve("down").resolve("broken.png"), "not an image");
        Path model = dir.resolve("bars.zip");

        CliRun train = CliRun.of(
                "train", "--images", images.toString(), "--epochs", "4", "--batch-size", "8", "-o", model.toString());
        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--images", images.toString(), "--json");

        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.err()).contains("broken.png: skipped (");
        assertThat(train.out()).contains(" on 12 bars test images");
        assertThat(Checkpoints.readMetadata(model).classes().names()).containsExactly("across", "down");
        JsonNode report = Json.MAPPER.readTree(eval.out());
        assertThat(report.get("images").asInt()).isEqualTo(60);
        assertThat(report.get("skipped")).hasSize(1);
        assertThat(report.get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
    }

    /** A thick black bar, across or down, at a place that moves with {@code i}, on white. */
    private static BufferedImage bar(boolean across, int i) {
        BufferedImage image = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 60);
        g.setColor(Color.BLACK);
        int at = 10 + i % 30;
        if (across) {
            g.fillRect(5, at, 50, 8);
        } else {
            g.fillRect(at, 5, 8, 50);
        }
        g.dispose();
        return image;
    }
}
