package lenet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import lenet.cli.CliRun;
import lenet.testing.MnistImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training from code: what {@code lenet train} writes, the progress it reports, and its refusals, word for word. */
class TrainingTest {
    @TempDir
    Path dir;

    @Test
    void aShortRunWritesAModelAndReportsEveryEpoch() {
        List<String> heard = new ArrayList<>();
        int[] batches = new int[1];
        Path model = dir.resolve("tiny.zip");
        TrainingResult result = Training.of("mnist")
                .dataDir(MnistImages.rawData())
                .epochs(2)
                .batchSize(50)
                .limit(500)
                .seed(7)
                .output(model)
                .progress(new TrainingProgress() {
                    @Override
                    public void started(String images, int trainImages, int validationImages, int epochs) {
                        heard.add("started " + images + " " + trainImages + " " + validationImages + " " + epochs);
                    }

                    @Override
                    public void epochStarted(int epoch, int batchesInEpoch) {
                        heard.add("epoch " + epoch + " of " + batchesInEpoch + " batches");
                    }

                    @Override
                    public void batchDone(int epoch, int batch, double loss) {
                        batches[0]++;
                    }

                    @Override
                    public void epochDone(int epoch, double loss, double accuracy) {
                        assertThat(loss).isPositive();
                        assertThat(accuracy).isBetween(0.0, 1.0);
                        heard.add("done " + epoch);
                    }
                })
                .run();
        assertThat(heard)
                .containsExactly(
                        "started MNIST 500 0 2", "epoch 1 of 10 batches", "done 1", "epoch 2 of 10 batches", "done 2");
        assertThat(batches[0]).isEqualTo(20);
        assertThat(result.model()).isEqualTo(model).isRegularFile();
        assertThat(result.epochs()).isEqualTo(2);
        assertThat(result.testImages()).isEqualTo(10_000);
        assertThat(result.testAccuracy()).isBetween(0.3, 1.0); // 500 images, 2 epochs: well above chance (0.1)
        assertThat(Files.exists(dir.resolve("tiny-last.zip"))).isTrue();
        try (Recognizer recognizer = Recognizer.open(result.model())) {
            assertThat(recognizer.classes()).hasSize(10);
        }
    }

    /** The same options from code and on the command line train the same model: the recipe and the data agree. */
    @Test
    void trainingFromCodeIsLenetTrain() throws IOException {
        Path data = MnistImages.rawData();
        CliRun cli = CliRun.of(
                "train",
                "--json",
                "--data-dir",
                data.toString(),
                "--limit",
                "300",
                "--epochs",
                "1",
                "--seed",
                "3",
                "-o",
                dir.resolve("cli.zip").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        TrainingResult api = Training.of("mnist")
                .dataDir(data)
                .limit(300)
                .epochs(1)
                .seed(3)
                .output(dir.resolve("api.zip"))
                .run();
        assertTrainedAlike(cli, api);

        // a person's own images: two folders of MNIST's 0s and 1s
        Path images = dir.resolve("strokes");
        for (int i = 0, zeros = 0, ones = 0; zeros + ones < 60; i++) {
            int label = MnistImages.label(i);
            if (label <= 1 && (label == 0 ? zeros++ : ones++) < 30) {
                Path file = images.resolve(label == 0 ? "zero" : "one").resolve(i + ".png");
                Files.createDirectories(file.getParent());
                Files.write(file, MnistImages.png28(i));
            }
        }
        cli = CliRun.of(
                "train",
                "--json",
                "--images",
                images.toString(),
                "--epochs",
                "2",
                "--batch-size",
                "8",
                "-o",
                dir.resolve("cli-own.zip").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        api = Training.images(images)
                .epochs(2)
                .batchSize(8)
                .output(dir.resolve("api-own.zip"))
                .run();
        assertTrainedAlike(cli, api);
        try (Recognizer recognizer = Recognizer.open(api.model())) {
            assertThat(recognizer.classes()).containsExactlyInAnyOrder("zero", "one");
            assertThat(recognizer.dataset()).isEqualTo("images:strokes");
        }
    }

    private static void assertTrainedAlike(CliRun cli, TrainingResult api) throws IOException {
        JsonNode last =
                new ObjectMapper().readTree(cli.outLines().get(cli.outLines().size() - 1));
        assertThat(api.testAccuracy()).isEqualTo(last.get("test_accuracy").asDouble(), within(1e-6));
        assertThat(api.bestEpoch()).isEqualTo(last.get("best_epoch").asInt());
    }

    @Test
    void stopEndsTheRunAfterTheCurrentBatchAndSavesWhereItStood() {
        Path model = dir.resolve("stopped.zip");
        Training training = Training.of("mnist")
                .dataDir(MnistImages.rawData())
                .epochs(2)
                .batchSize(50)
                .limit(500)
                .output(model);
        training.progress(new TrainingProgress() {
            @Override
            public void batchDone(int epoch, int batch, double loss) {
                if (batch == 3) {
                    training.stop();
                }
            }
        });
        assertThatThrownBy(training::run)
                .isInstanceOf(LenetApiException.class)
                .hasMessageStartingWith(
                        "interrupted in epoch 1/2 after 3 batches: saved " + dir.resolve("stopped-last.zip"))
                .hasMessageContaining("resume with: lenet train --resume ");
        assertThat(dir.resolve("stopped-last.zip")).isRegularFile();
    }

    @Test
    void valuesOutOfRangeFailWithTrainsLine() {
        assertSameRefusal(() -> Training.of("mnist").epochs(0).run(), "--epochs", "0");
        assertSameRefusal(() -> Training.of("mnist").limit(0).run(), "--limit", "0");
        assertSameRefusal(() -> Training.of("mnist").valSize(60_000).run(), "--val-size", "60000");
        assertSameRefusal(() -> Training.of("fashion-mnist").mirror(1.5).run(), "--mirror", "1.5");
        assertSameRefusal(() -> Training.of("mnist").schedule("linear").run(), "--schedule", "linear");
        assertSameRefusal(() -> Training.of("mnist").patience(2).run(), "--patience", "2");
        assertSameRefusal(() -> Training.of("klingon"), "--dataset", "klingon");
        assertThatThrownBy(() -> Training.images(dir).dataDir(dir))
                .hasMessage(trainRefusal("--images", dir.toString(), "--data-dir", dir.toString()));
    }

    private void assertSameRefusal(Supplier<Object> api, String option, String value) {
        assertThatThrownBy(api::get).isInstanceOf(LenetApiException.class).hasMessage(trainRefusal(option, value));
    }

    /** What {@code lenet train OPTION VALUE} prints, without {@code lenet train: } and the pointer to the help. */
    private static String trainRefusal(String... args) {
        List<String> command = new ArrayList<>(List.of("train"));
        command.addAll(List.of(args));
        if (!command.contains("--dataset") && command.contains("--mirror")) {
            command.addAll(List.of("--dataset", "fashion-mnist"));
        }
        CliRun run = CliRun.of(command.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        String line = run.errLines().get(0);
        String prefix = "lenet train: ";
        String suffix = " (see 'lenet train --help')";
        assertThat(line).startsWith(prefix).endsWith(suffix);
        return line.substring(prefix.length(), line.length() - suffix.length());
    }
}
