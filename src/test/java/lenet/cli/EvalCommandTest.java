package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import lenet.testing.Counted;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

@Tag("cpu-sensitive")
class EvalCommandTest {
    @TempDir
    Path dir;

    @Test
    void aReportFolderThatCannotBeMadeIsOneLineBeforeAnyWork() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("taken"), "x");

        CliRun run = CliRun.of(
                "eval", "--report", file.toString(), "--model", TestModel.path().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo("lenet: " + file + ": cannot write the --report folder (a file of that name is in the way)");
    }

    @Test
    void reportWritesThePicturesAndTheJsonItPrints() throws Exception {
        Path report = dir.resolve("report");

        CliRun run = CliRun.of(
                "eval",
                "--json",
                "--report",
                report.toString(),
                "--model",
                TestModel.path().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        assertThat(java.nio.file.Files.readString(report.resolve("report.json")))
                .isEqualTo(run.out());
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("report written to " + report + ": confusion.png, misclassified.png (");
        for (String picture : List.of("confusion.png", "misclassified.png", "samples.png")) {
            lenet.pictures.PictureChecks.assertNotBlank(lenet.pictures.PictureChecks.read(report.resolve(picture)));
        }
    }

    @Test
    void reportsAccuracyPerClassMetricsAndConfusionMatrix() {
        CliRun run = CliRun.of("eval", "--model", TestModel.path().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("images    10,000 (MNIST test set)")
                .contains(String.format("accuracy  %.2f%%", Counted.accuracy(counted()) * 100))
                .contains("digit  precision  recall      f1  support")
                .contains("confusion matrix (rows: true digit, columns: predicted digit)");
        assertThat(run.outLines())
                .anyMatch(l -> l.matches("\\s+0\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d%\\s+980"));
        assertThat(run.outLines())
                .anyMatch(l -> l.matches("\\s+9\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d%\\s+1009"));
    }

    @Test
    void jsonHoldsTheSameNumbersAndTheyAddUp() throws Exception {
        CliRun run = CliRun.of("eval", "--json", "--model", TestModel.path().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        Counted.assertReportHolds(report, counted());
        assertThat(report.get("per_class")).hasSize(10);
        assertThat(report.get("confusion")).hasSize(10);
        long total = 0;
        long diagonal = 0;
        for (int t = 0; t < 10; t++) {
            JsonNode perClass = report.get("per_class").get(t);
            assertThat(perClass.get("index").asInt()).isEqualTo(t);
            assertThat(perClass.get("name").asText()).isEqualTo(Integer.toString(t));
            assertThat(perClass.get("precision").asDouble()).isBetween(0.8, 1.0);
            long row = 0;
            for (int p = 0; p < 10; p++) {
                row += report.get("confusion").get(t).get(p).asLong();
            }
            assertThat(perClass.get("support").asLong()).isEqualTo(row);
            assertThat(perClass.get("recall").asDouble())
                    .isCloseTo(
                            report.get("confusion").get(t).get(t).asDouble() / row,
                            org.assertj.core.data.Offset.offset(1e-9));
            total += row;
            diagonal += report.get("confusion").get(t).get(t).asLong();
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(diagonal / 10_000.0).isEqualTo(report.get("accuracy").asDouble());
    }

    @Test
    void minAccuracyFailsWithExitCode1AndOneLine() {
        CliRun fails = CliRun.of("eval", "--model", TestModel.path().toString(), "--min-accuracy", "0.9999");
        CliRun passes = CliRun.of("eval", "--model", TestModel.path().toString(), "--min-accuracy", "0.5", "--json");

        assertThat(fails.exitCode()).isEqualTo(1);
        assertThat(fails.errLines())
                .singleElement()
                .asString()
                .matches("lenet: accuracy \\d+\\.\\d\\d% is below --min-accuracy 99\\.99%");
        assertThat(fails.out()).contains("accuracy");
        assertThat(passes.exitCode()).isZero();
    }

    @Test
    void minAccuracyMustBeAFraction() {
        CliRun run = CliRun.of("eval", "--min-accuracy", "99");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("'--min-accuracy': 99.0 (must be a fraction between 0 and 1, for example 0.99)");
    }

    @Test
    void ownLabelledImagesAreEvaluatedAndUnreadableOnesListed() throws Exception {
        Files.createDirectories(dir.resolve("7"));
        Files.createDirectories(dir.resolve("2"));
        MnistImages.write(MnistImages.blackOnWhite(0, 120, 200, 200, 40, 30), "png", dir.resolve("7/a.png"));
        MnistImages.write(MnistImages.blackOnWhite(1, 80, 150, 120, 10, 20), "jpg", dir.resolve("2/b.jpg"));
        Files.writeString(dir.resolve("7/broken.png"), "garbage");

        CliRun run = CliRun.of("eval", "--json", "--model", TestModel.path().toString(), "--images", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("images").asInt()).isEqualTo(2);
        assertThat(report.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(report.get("per_class").get(7).get("support").asInt()).isEqualTo(1);
        assertThat(report.get("skipped")).hasSize(1);
        assertThat(report.get("skipped").get(0).get("file").asText()).endsWith("broken.png");

        CliRun human = CliRun.of("eval", "--model", TestModel.path().toString(), "--images", dir.toString());
        assertThat(human.out()).contains("skipped 1 file:").contains("broken.png: not an image lenet can read");
    }

    @Test
    void folderWithoutDigitSubfoldersIsOneLine() {
        CliRun run = CliRun.of("eval", "--model", TestModel.path().toString(), "--images", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo("lenet: " + dir
                        + ": no class folders (expected sub-folders named for the model's classes: 0, 1, 2, 3, 4, 5, 6, "
                        + "7, 8, 9)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "text", "otherzip", "dl4j", "shape"})
    void badModelFilesAreOneLineAndExit2(String kind) throws Exception {
        Path file = dir.resolve(kind + ".zip");
        String expected;
        switch (kind) {
            case "missing" -> expected = "model file not found";
            case "text" -> {
                Files.writeString(file, "hello");
                expected = "not a lenet checkpoint (not a zip file)";
            }
            case "otherzip" -> {
                try (OutputStream out = Files.newOutputStream(file);
                        ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry("a.txt"));
                }
                expected = "not a lenet checkpoint (a zip without a model in it)";
            }
            case "dl4j" -> {
                ModelSerializer.writeModel(smallNetwork(), file.toFile(), false);
                expected = "not a lenet checkpoint (a DL4J model without lenet metadata)";
            }
            default -> {
                lenet.checkpoint.Checkpoints.save(
                        smallNetwork(), lenet.checkpoint.Checkpoints.readMetadata(TestModel.path()), file);
                expected = "network has the wrong shape for LeNet-5";
            }
        }

        CliRun run = CliRun.of("eval", "--model", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().startsWith("lenet: " + file + ": " + expected);
    }

    private static MultiLayerNetwork smallNetwork() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nIn(784)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        network.init();
        return network;
    }

    private static int[][] confusion;

    /** The test model's confusion matrix, counted by the test itself (an oracle apart from lenet's Evaluator). */
    private static synchronized int[][] counted() {
        if (confusion == null) {
            confusion = Counted.confusion(TestModel.path());
        }
        return confusion;
    }
}
