package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("cpu-sensitive")
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonOutputIsOneObjectPerEpochThenTheTestResult() throws Exception {
        Path model = dir.resolve("quick.zip");

        CliRun run = CliRun.of(
                "train",
                "--json",
                "--epochs",
                "2",
                "--limit",
                "1000",
                "--val-size",
                "500",
                "--output",
                model.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.outLines()) {
            lines.add(mapper.readTree(line));
        }
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 2; i++) {
            JsonNode epoch = lines.get(i);
            assertThat(fieldNames(epoch))
                    .containsExactly(
                            "epoch",
                            "train_loss",
                            "train_accuracy",
                            "val_loss",
                            "val_accuracy",
                            "images_per_second",
                            "seconds");
            assertThat(epoch.get("epoch").asInt()).isEqualTo(i + 1);
            assertThat(epoch.get("val_accuracy").asDouble()).isBetween(0.5, 1.0);
            assertThat(epoch.get("images_per_second").asDouble()).isPositive();
        }
        JsonNode last = lines.get(2);
        assertThat(last.get("test_accuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(fieldNames(last))
                .containsExactly(
                        "test_accuracy",
                        "model",
                        "best_epoch",
                        "last_model",
                        "onednn_isa",
                        "blas_core",
                        "stopped_early",
                        "epoch_to_99",
                        "seconds_to_99",
                        "compute_path");
        assertThat(last.get("stopped_early").asBoolean()).isFalse();
        assertThat(last.get("compute_path").asText())
                .as("one worker on the CPU")
                .isEqualTo("lenet-onednn");
        assertThat(last.get("epoch_to_99").isNull())
                .as("1,000 images for 2 epochs stay below 99%")
                .isTrue();
        // the kernels that trained it, as info names them (CpuKindTest checks those names against the libraries)
        JsonNode backend = mapper.readTree(CliRun.of("info", "--json").out()).get("backend");
        assertThat(last.get("onednn_isa")).isEqualTo(backend.get("onednn_isa"));
        assertThat(last.get("blas_core")).isEqualTo(backend.get("blas_core"));
        assertThat(last.get("compute_path"))
                .isEqualTo(mapper.readTree(CliRun.of("info", "--json").out()).get("compute_path"));
        assertThat(Path.of(last.get("model").asText()).toAbsolutePath()).isEqualTo(model.toAbsolutePath());
        assertThat(model).isRegularFile();
        assertThat(dir.resolve("quick-last.zip")).isRegularFile();
        assertThat(run.err()).doesNotContain("INFO", "Exception");
    }

    @Test
    void withoutValidationEveryEpochIsKeptAndTheValidationFiguresAreEmpty() throws Exception {
        Path model = dir.resolve("noval.zip");

        CliRun run = CliRun.of(
                "train", "--json", "--epochs", "2", "--limit", "600", "--val-size", "0", "--output", model.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < 2; i++) {
            JsonNode epoch = mapper.readTree(run.outLines().get(i));
            assertThat(epoch.get("val_loss").isNull())
                    .as("val_loss of epoch %d", i + 1)
                    .isTrue();
            assertThat(epoch.get("val_accuracy").isNull())
                    .as("val_accuracy of epoch %d", i + 1)
                    .isTrue();
            assertThat(epoch.get("train_accuracy").asDouble()).isBetween(0.0, 1.0);
        }
        JsonNode last = mapper.readTree(run.outLines().get(2));
        assertThat(last.get("best_epoch").asInt())
                .as("the last epoch is the one kept")
                .isEqualTo(2);
        assertThat(lenet.checkpoint.Checkpoints.readMetadata(model).valAccuracy())
                .isNull();
        List<String> csv = Files.readAllLines(dir.resolve("noval.metrics.csv"));
        assertThat(csv).hasSize(3);
        for (String row : csv.subList(1, 3)) {
            String[] cells = row.split(",", -1);
            assertThat(cells[3]).as("val_loss in %s", row).isEmpty();
            assertThat(cells[4]).as("val_accuracy in %s", row).isEmpty();
            assertThat(cells[7]).as("best in %s", row).isEqualTo("true");
        }
    }

    @Test
    void patienceStopsARunThatNoLongerImprovesKeepsTheBestAndStaysResumable() throws Exception {
        Path model = dir.resolve("patient.zip");
        // after epoch 1 the rate falls to 0.004 × 1e-6: the weights stop moving, so validation accuracy cannot rise
        String[] args = {
            "train",
            "--json",
            "--epochs",
            "8",
            "--schedule",
            "exponential",
            "--limit",
            "600",
            "--val-size",
            "200",
            "--gamma",
            "0.000001",
            "--patience",
            "2",
            "--output",
            model.toString()
        };

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).as("epochs 1 to 3, then the result").hasSize(4);
        JsonNode last = new ObjectMapper().readTree(run.outLines().get(3));
        assertThat(last.get("stopped_early").asBoolean()).isTrue();
        assertThat(last.get("best_epoch").asInt()).isEqualTo(1);
        assertThat(lenet.checkpoint.Checkpoints.readMetadata(model).epochs()).isEqualTo(1);
        assertThat(lenet.checkpoint.Checkpoints.readMetadata(model).testAccuracy())
                .isNotNull();

        CliRun text =
                CliRun.of("train", "--resume", dir.resolve("patient-last.zip").toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.outLines())
                .as("resumed: nothing left to train")
                .noneMatch(l -> l.startsWith("epoch "))
                .contains("stopped early after epoch 3: no better validation accuracy since epoch 1 (--patience)")
                .last()
                .isEqualTo("validation accuracy did not reach 99.0%");
    }

    /**
     * 1 and 2 threads train the same two half batches, each on primitives made for one thread (BatchHalves), so the
     * weights are the same bits; CI runs this natively and as AVX2 and SSE4.1 CPUs.
     */
    @Test
    void theThreadCountDoesNotChangeTheResult() throws Exception {
        List<String> lines = new ArrayList<>();
        List<byte[]> weights = new ArrayList<>();
        for (String threads : List.of("1", "2")) {
            Path model = dir.resolve("t" + threads + ".zip");
            CliRun run = CliRun.of(
                    "--threads",
                    threads,
                    "train",
                    "--json",
                    "--epochs",
                    "2",
                    "--limit",
                    "3000",
                    "--val-size",
                    "500",
                    "--flagged-ones",
                    "0.2",
                    "--output",
                    model.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            // the epochs' figures, without the timings
            lines.add(run.outLines().subList(0, 2).stream()
                    .map(l -> l.replaceAll(",\"images_per_second\".*", ""))
                    .toList()
                    .toString());
            try (ZipFile zip = new ZipFile(model.toFile())) {
                weights.add(zip.getInputStream(zip.getEntry("coefficients.bin")).readAllBytes());
            }
        }
        assertThat(lines.get(1)).as("2 threads against 1").isEqualTo(lines.get(0));
        assertThat(weights.get(1)).as("the weights, 2 threads against 1").isEqualTo(weights.get(0));
    }

    @Test
    void humanOutputReportsEachEpochAndTheTestAccuracy() {
        Path model = dir.resolve("h.zip");

        CliRun run = CliRun.of(
                "train", "--epochs", "1", "--limit", "500", "--val-size", "200", "--output", model.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(5);
        assertThat(run.outLines().get(0)).isEqualTo("epoch  train loss  val loss  val accuracy  images/s  seconds");
        assertThat(run.outLines().get(1))
                .as("a row of the table, each value under its heading")
                .matches("  1/1 {6}\\d\\.\\d{4} {4}\\d\\.\\d{4} {7} *\\d+\\.\\d\\d% +[\\d,]+ +\\d+\\.\\d  \\*best")
                .hasSize(run.outLines().get(0).length() + "  *best".length());
        assertThat(run.outLines().get(2))
                .matches("test accuracy \\d+\\.\\d\\d% on 10,000 MNIST test images \\(model of epoch 1\\)");
        assertThat(run.outLines().get(3)).contains("h.zip", "h-last.zip");
        assertThat(run.outLines().get(4)).isEqualTo("validation accuracy did not reach 99.0%");
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo("Training LeNet-5 for 1 epoch (batch 128, 1 worker) on 500 MNIST images, 200 held out for "
                        + "validation");
        assertThat(run.out() + run.err())
                .as("no progress bar and no control characters where stderr is no terminal")
                .doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f\\x7f]");
    }

    @Test
    void byDefaultNothingIsHeldOutAndTheTableShowsTheTrainingAccuracy() {
        Path model = dir.resolve("d.zip");

        CliRun run = CliRun.of("train", "--epochs", "2", "--limit", "500", "--output", model.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo("Training LeNet-5 for 2 epochs (batch 128, 1 worker) on 500 MNIST images, none held out "
                        + "for validation");
        assertThat(run.outLines())
                .as("the table, the test and where the files went: no 99% line")
                .hasSize(5);
        assertThat(run.outLines().get(0)).isEqualTo("epoch  train loss  train accuracy  images/s  seconds");
        assertThat(run.outLines().subList(1, 3))
                .as("a row per epoch, each value under its heading, no epoch marked best")
                .allSatisfy(row -> assertThat(row)
                        .matches(" {2}[12]/2 {6}\\d\\.\\d{4} +\\d+\\.\\d\\d% +[\\d,]+ +\\d+\\.\\d")
                        .hasSameSizeAs(run.outLines().get(0)));
        assertThat(run.outLines().get(3))
                .matches("test accuracy \\d+\\.\\d\\d% on 10,000 MNIST test images \\(model of epoch 2\\)");
        assertThat(run.outLines().get(4))
                .startsWith("saved model to ")
                .contains("d.zip, with its optimizer state for --resume to ", "d-last.zip");
        assertThat(model).isRegularFile();
    }

    @Test
    void workersAreRecordedWithTheLearningRatePerWorker() throws Exception {
        Path model = dir.resolve("w.zip");

        CliRun run = CliRun.of(
                "train",
                "--json",
                "--workers",
                "2",
                "--epochs",
                "1",
                "--limit",
                "600",
                "--val-size",
                "200",
                "--output",
                model.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        var hyper = lenet.checkpoint.Checkpoints.readMetadata(model).hyperParameters();
        assertThat(hyper.workers()).isEqualTo(2);
        assertThat(hyper.learningRate()).as("per worker, the default").isEqualTo(0.004);
    }

    @Test
    void resumeKeepsTheRecordedOptionsAndRefusesOthersInOneLine() throws Exception {
        Path model = dir.resolve("r.zip");
        Path last = dir.resolve("r-last.zip");
        CliRun first = CliRun.of(
                "train",
                "--epochs",
                "1",
                "--limit",
                "500",
                "--val-size",
                "200",
                "--lr",
                "0.003",
                "--output",
                model.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        byte[] lastBefore = Files.readAllBytes(last);

        CliRun changed = CliRun.of("train", "--resume", last.toString(), "--epochs", "2", "--lr", "0.01");
        CliRun rotated = CliRun.of("train", "--resume", last.toString(), "--epochs", "2", "--rotate", "5");
        CliRun finished = CliRun.of("train", "--resume", last.toString());
        CliRun missing =
                CliRun.of("train", "--resume", dir.resolve("nope-last.zip").toString());

        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.errLines())
                .singleElement()
                .asString()
                .isEqualTo("lenet train: --lr 0.01: cannot change "
                        + "when resuming (" + last + " was trained with --lr 0.003); leave it out, or start a new run "
                        + "without --resume (see 'lenet train --help')");
        assertThat(rotated.exitCode()).isEqualTo(2);
        assertThat(rotated.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet train: --rotate 5.0: cannot change when resuming (" + last
                        + " was trained with --rotate 10.0)");
        assertThat(finished.exitCode()).isEqualTo(2);
        assertThat(finished.errLines())
                .singleElement()
                .asString()
                .isEqualTo("lenet: " + last + ": this run has "
                        + "trained all its epochs (1); give --epochs N with N above 1 to train longer");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet: " + dir.resolve("nope-last.zip") + ": model file not found");
        assertThat(Files.readAllBytes(last))
                .as("refused runs leave the checkpoint alone")
                .isEqualTo(lastBefore);

        // the same value as recorded is no change; --epochs trains longer, into the best model beside the checkpoint
        CliRun longer = CliRun.of(
                "train",
                "--resume",
                last.toString(),
                "--epochs",
                "2",
                "--lr",
                "0.003",
                "--limit",
                "500",
                "--schedule",
                "cosine",
                "--label-smoothing",
                "0.1");

        assertThat(longer.exitCode()).as(longer.err()).isZero();
        assertThat(longer.err()).contains("Resuming from " + last + " at epoch 2, batch 1 of 4");
        assertThat(longer.outLines().get(1)).startsWith("  2/2 ");
        assertThat(longer.outLines()).hasSize(5);
        assertThat(lenet.checkpoint.Checkpoints.readMetadata(last).epochs()).isEqualTo(2);
        assertThat(lenet.checkpoint.Checkpoints.readMetadata(model)
                        .hyperParameters()
                        .learningRate())
                .isEqualTo(0.003);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
