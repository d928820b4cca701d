package lenet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.CheckpointMetadata.TrainingState;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.StopSignal;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import lenet.model.HyperParametersBuilder;
import lenet.testing.MnistImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stopping a run (as Ctrl-C does) and resuming it from its last checkpoint must end with the weights, optimizer
 * state and metrics of a run that was never stopped: 2 epochs of 24 batches on 1,500 images with shift
 * augmentation, stopped at several places.
 */
@Tag("cpu-sensitive")
class ResumeTest {
    private static final int BATCHES_PER_EPOCH = 24; // 1,500 images in batches of 64

    @TempDir
    static Path shared;

    private static TrainResult uninterrupted;
    private static MultiLayerNetwork uninterruptedLast;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainWithoutStopping() {
        uninterrupted = Trainer.train(
                options(shared.resolve("straight.zip"), 2), null, new TrainingListener() {}, StopSignal.none());
        uninterruptedLast =
                Checkpoints.load(shared.resolve("straight-last.zip"), true).network();
    }

    static TrainOptions options(Path output, int epochs) {
        return new TrainOptions(
                HyperParameters.plain()
                        .epochs(epochs)
                        .batchSize(64)
                        .learningRate(0.002)
                        .seed(11)
                        .valSize(300)
                        .limit(1_500)
                        .build(),
                MnistImages.source(),
                output);
    }

    /** A listener that asks to stop once {@code batch} of {@code epoch} is trained, as a Ctrl-C there would. */
    private static TrainingListener stopAt(StopSignal stop, int epoch, int batch) {
        return new TrainingListener() {
            @Override
            public void batchDone(int e, int b, double loss) {
                if (e == epoch && b == batch) {
                    stop.request();
                }
            }
        };
    }

    private LenetException runUntilStopped(TrainOptions options, Checkpoints.Loaded from, int epoch, int batch) {
        StopSignal stop = StopSignal.none();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> Trainer.train(options, from, stopAt(stop, epoch, batch), stop));
        assertThat(thrown).isInstanceOf(LenetException.class);
        LenetException stopped = (LenetException) thrown;
        assertThat(stopped.exitCode()).isEqualTo(LenetException.INTERRUPTED);
        return stopped;
    }

    @ParameterizedTest(name = "stopped at epoch {0}, batch {1}")
    @CsvSource({"1, 1", "1, 9", "2, 17", "1, 24"})
    void aStoppedRunResumesToTheSameWeights(int epoch, int batch) {
        Path output = dir.resolve("run.zip");
        Path last = dir.resolve("run-last.zip");

        LenetException stopped = runUntilStopped(options(output, 2), null, epoch, batch);

        TrainingState state = Checkpoints.readMetadata(last).training();
        boolean endOfEpoch = batch == BATCHES_PER_EPOCH;
        assertThat(state.epoch()).isEqualTo(endOfEpoch ? epoch + 1 : epoch);
        assertThat(state.batchesDone()).isEqualTo(endOfEpoch ? 0 : batch);
        assertThat(state.batchesPerEpoch()).isEqualTo(BATCHES_PER_EPOCH);
        assertThat(state.history()).hasSize(state.epoch() - 1);
        assertThat(stopped.getMessage())
                .contains("saved " + LenetHome.display(last))
                .endsWith("resume with: lenet train --resume " + LenetHome.display(last));
        assertThat(output)
                .as("the best model so far, or the model so far in epoch 1")
                .isRegularFile();

        Checkpoints.Loaded checkpoint = Checkpoints.load(last, true);
        TrainResult resumed = Trainer.train(
                Resume.options(checkpoint, null, null, MnistImages.source()),
                checkpoint,
                new TrainingListener() {},
                StopSignal.none());

        MultiLayerNetwork network = Checkpoints.load(last, true).network();
        assertThat(network.params().data().asFloat())
                .containsExactly(uninterruptedLast.params().data().asFloat());
        assertThat(network.getUpdater().getStateViewArray().data().asFloat())
                .containsExactly(uninterruptedLast
                        .getUpdater()
                        .getStateViewArray()
                        .data()
                        .asFloat());
        assertThat(network.getIterationCount()).isEqualTo(uninterruptedLast.getIterationCount());
        assertThat(network.getEpochCount()).isEqualTo(2);
        assertThat(resumed.epochs())
                .extracting(EpochMetrics::trainLoss, EpochMetrics::valAccuracy, EpochMetrics::best)
                .containsExactlyElementsOf(uninterrupted.epochs().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.trainLoss(), e.valAccuracy(), e.best()))
                        .toList());
        assertThat(resumed.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
        assertThat(resumed.testAccuracy()).isEqualTo(uninterrupted.testAccuracy());
    }

    @Test
    void theDistortedFlaggedSmoothedCosineRecipeResumesToTheSameWeightsToo() {
        HyperParameters recipe = HyperParametersBuilder.builder()
                .epochs(2)
                .batchSize(64)
                .learningRate(0.002)
                .gamma(0.7)
                .shift(2)
                .seed(11)
                .valSize(300)
                .limit(1_500)
                .workers(1)
                .patience(0)
                .rotation(10)
                .scale(0.1)
                .shear(0.2)
                .elastic(1.5)
                .thickness(0.3)
                .labelSmoothing(0.1)
                .schedule(HyperParameters.COSINE)
                .flaggedOnes(0.5)
                .build();
        TrainOptions straight = new TrainOptions(recipe, MnistImages.source(), dir.resolve("straight.zip"));
        TrainOptions stopped = new TrainOptions(recipe, MnistImages.source(), dir.resolve("stopped.zip"));
        Trainer.train(straight, null, new TrainingListener() {}, StopSignal.none());

        runUntilStopped(stopped, null, 1, 9);
        Checkpoints.Loaded first = Checkpoints.load(dir.resolve("stopped-last.zip"), true);
        runUntilStopped(Resume.options(first, null, null, MnistImages.source()), first, 2, 5);
        Checkpoints.Loaded second = Checkpoints.load(dir.resolve("stopped-last.zip"), true);
        Trainer.train(
                Resume.options(second, null, null, MnistImages.source()),
                second,
                new TrainingListener() {},
                StopSignal.none());

        MultiLayerNetwork expected =
                Checkpoints.load(dir.resolve("straight-last.zip"), true).network();
        MultiLayerNetwork resumed =
                Checkpoints.load(dir.resolve("stopped-last.zip"), true).network();
        assertThat(resumed.params().data().asFloat())
                .containsExactly(expected.params().data().asFloat());
        assertThat(resumed.params().data().asFloat())
                .as("the recipe changes training")
                .isNotEqualTo(uninterruptedLast.params().data().asFloat());
        assertThat(Checkpoints.readMetadata(dir.resolve("stopped-last.zip")).hyperParameters())
                .isEqualTo(recipe);
    }

    @Test
    void aStopAfterTheLastEpochKeepsTheModelsAndItsResumeFinishesTheRun() throws Exception {
        Path output = dir.resolve("late.zip");
        Path last = dir.resolve("late-last.zip");

        LenetException stopped = runUntilStopped(options(output, 2), null, 2, BATCHES_PER_EPOCH);

        assertThat(stopped.getMessage())
                .isEqualTo("interrupted after the last epoch (2/2), before the test accuracy was recorded: the models "
                        + "are written; test the best and finish the run with: lenet train --resume "
                        + LenetHome.display(last));
        assertThat(Checkpoints.readMetadata(output).testAccuracy())
                .as("not measured")
                .isNull();
        assertThat(Checkpoints.load(last, true).network().params().data().asFloat())
                .as("the last model is the straight run's")
                .containsExactly(uninterruptedLast.params().data().asFloat());

        Checkpoints.Loaded checkpoint = Checkpoints.load(last, true);
        List<Integer> trained = new ArrayList<>();
        TrainResult finished = Trainer.train(
                Resume.options(checkpoint, null, null, MnistImages.source()),
                checkpoint,
                new TrainingListener() {
                    @Override
                    public void epochDone(EpochMetrics r) {
                        trained.add(r.epoch());
                    }
                },
                StopSignal.none());

        assertThat(trained).as("no epoch trained again").isEmpty();
        assertThat(finished.testAccuracy()).isEqualTo(uninterrupted.testAccuracy());
        assertThat(finished.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
        assertThat(finished.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(Checkpoints.readMetadata(output).testAccuracy()).isEqualTo(uninterrupted.testAccuracy());
        Checkpoints.Loaded tested = Checkpoints.load(last, true);
        assertThatThrownBy(() -> Resume.options(tested, null, null, MnistImages.source()))
                .as("once tested, the run is over")
                .hasMessageEndingWith(
                        "this run has trained all its epochs (2); give --epochs N with N above 2 to " + "train longer");
    }

    @Test
    void aRunStoppedTwiceStillEndsWhereTheStraightRunEnds() {
        Path output = dir.resolve("twice.zip");
        Path last = dir.resolve("twice-last.zip");
        runUntilStopped(options(output, 2), null, 1, 5);
        runUntilStopped(
                Resume.options(Checkpoints.load(last, true), null, null, MnistImages.source()),
                Checkpoints.load(last, true),
                2,
                3);

        Checkpoints.Loaded checkpoint = Checkpoints.load(last, true);
        Trainer.train(
                Resume.options(checkpoint, null, null, MnistImages.source()),
                checkpoint,
                new TrainingListener() {},
                StopSignal.none());

        assertThat(Checkpoints.load(last, true).network().params().data().asFloat())
                .containsExactly(uninterruptedLast.params().data().asFloat());
    }

    @Test
    void aFinishedRunTrainsLongerWithMoreEpochs() {
        Path last = shared.resolve("straight-last.zip");
        Checkpoints.Loaded checkpoint = Checkpoints.load(last, true);
        Path output = dir.resolve("longer.zip");
        List<Integer> epochs = new ArrayList<>();

        TrainResult result = Trainer.train(
                Resume.options(checkpoint, 3, output, MnistImages.source()),
                checkpoint,
                new TrainingListener() {
                    @Override
                    public void epochDone(EpochMetrics r) {
                        epochs.add(r.epoch());
                    }
                },
                StopSignal.none());

        assertThat(epochs).containsExactly(3);
        assertThat(result.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        MultiLayerNetwork longer =
                Checkpoints.load(dir.resolve("longer-last.zip"), true).network();
        assertThat(longer.getEpochCount()).isEqualTo(3);
        // the learning rate goes on decaying: 0.002 × 0.7³ after three epochs
        assertThat(longer.getLearningRate(0))
                .isCloseTo(0.002 * 0.7 * 0.7 * 0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Checkpoints.readMetadata(dir.resolve("longer-last.zip"))
                        .hyperParameters()
                        .epochs())
                .isEqualTo(3);
    }

    @Test
    void resumeRefusesWhatCannotGoOn() {
        Checkpoints.Loaded finished = Checkpoints.load(shared.resolve("straight-last.zip"), true);
        assertThatThrownBy(() -> Resume.options(finished, null, null, MnistImages.source()))
                .isInstanceOf(LenetException.class)
                .hasMessageEndingWith("straight-last.zip: this run has trained all its epochs (2); give --epochs N "
                        + "with N above 2 to train longer");
        assertThatThrownBy(() -> Resume.options(finished, 1, null, MnistImages.source()))
                .hasMessageContaining("--epochs 1: ")
                .hasMessageEndingWith("has trained 2 epochs; give --epochs 3 or more");
    }

    @Test
    void withWorkersARunStoppedInsideAnEpochResumesFromItsStart() throws Exception {
        Path output = dir.resolve("w.zip");
        Path last = dir.resolve("w-last.zip");
        TrainOptions two = new TrainOptions(
                HyperParameters.plain()
                        .epochs(2)
                        .batchSize(64)
                        .learningRate(0.002)
                        .seed(11)
                        .valSize(300)
                        .limit(1_500)
                        .workers(2)
                        .build(),
                MnistImages.source(),
                output);

        LenetException inFirst = runUntilStopped(two, null, 1, 4);
        assertThat(inFirst.getMessage())
                .startsWith("interrupted in epoch 1/2 after ")
                .endsWith("; with --workers 2 training resumes from the start of an epoch, and none has finished: "
                        + "nothing was written");
        assertThat(last).doesNotExist();
        assertThat(output).doesNotExist();

        LenetException inSecond = runUntilStopped(two, null, 2, 4);
        byte[] afterEpoch1 = Files.readAllBytes(last);
        assertThat(inSecond.getMessage())
                .contains("; with --workers 2 training resumes from the start of an epoch: " + LenetHome.display(last)
                        + " holds epoch 1")
                .endsWith("resume with: lenet train --resume " + LenetHome.display(last));
        TrainingState state = Checkpoints.readMetadata(last).training();
        assertThat(state.epoch()).isEqualTo(2);
        assertThat(state.batchesDone()).isZero();

        Checkpoints.Loaded checkpoint = Checkpoints.load(last, true);
        TrainResult resumed = Trainer.train(
                Resume.options(checkpoint, null, null, MnistImages.source()),
                checkpoint,
                new TrainingListener() {},
                StopSignal.none());
        assertThat(resumed.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(Files.readAllBytes(last)).isNotEqualTo(afterEpoch1);
        assertThat(Checkpoints.load(last, true).network().getEpochCount()).isEqualTo(2);
    }

    @Test
    void stoppingBeforeTheFirstBatchWritesNothing() {
        Path output = dir.resolve("early.zip");
        StopSignal stop = StopSignal.none();
        stop.request();

        assertThatThrownBy(() -> Trainer.train(options(output, 2), null, new TrainingListener() {}, stop))
                .isInstanceOf(LenetException.class)
                .hasMessage(
                        "interrupted before training started: nothing was written; run the same command again to start");
        assertThat(output).doesNotExist();
        assertThat(dir.resolve("early-last.zip")).doesNotExist();
    }

    @Test
    void bestModelIsOnlyTrustedIfItIsStillTheRunsOwn() throws Exception {
        Path output = dir.resolve("mine.zip");
        Path last = dir.resolve("mine-last.zip");
        runUntilStopped(options(output, 2), null, 2, 4);
        Files.delete(output); // the user removed (or replaced) the best model in between
        List<String> warnings = new ArrayList<>();

        Checkpoints.Loaded checkpoint = Checkpoints.load(last, true);
        TrainResult result = Trainer.train(
                Resume.options(checkpoint, null, null, MnistImages.source()),
                checkpoint,
                new TrainingListener() {
                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                },
                StopSignal.none());

        assertThat(warnings).singleElement().asString().contains("no longer holds this run's best model (epoch 1)");
        assertThat(result.bestEpoch()).isEqualTo(2);
        assertThat(Checkpoints.readMetadata(output).epochs()).isEqualTo(2);
    }

    @Test
    void checkpointWithoutTrainingStateIsRefused() throws Exception {
        Path old = lenet.testing.TestModel.untrained(dir.resolve("old-last.zip"));
        Checkpoints.Loaded checkpoint = Checkpoints.load(old, true);

        assertThatThrownBy(() -> Resume.options(checkpoint, null, null, MnistImages.source()))
                .isInstanceOf(LenetException.class)
                .hasMessageEndingWith("old-last.zip: cannot resume: the checkpoint has no training state (written by "
                        + "a lenet before checkpoint format 2)");
        CheckpointMetadata metadata = checkpoint.metadata();
        assertThat(metadata.training()).isNull();
    }
}
