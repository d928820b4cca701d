package lenet.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.Checkpoints;
import lenet.core.StopSignal;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import lenet.testing.MnistImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("cpu-sensitive")
class TrainerTest {
    @TempDir
    Path dir;

    @Test
    void shortRunOnASubsetLearnsAndWritesBothCheckpoints() throws Exception {
        Path output = dir.resolve("lenet.zip");
        TrainOptions options = new TrainOptions(
                HyperParameters.plain()
                        .epochs(2)
                        .batchSize(32)
                        .learningRate(0.001)
                        .shift(0)
                        .seed(42)
                        .valSize(1_000)
                        .limit(6_000)
                        .build(),
                MnistImages.source(),
                output);
        List<Integer> batches = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        List<List<String>> csvAfterEachEpoch = new ArrayList<>();
        List<Boolean> curvesAfterEachEpoch = new ArrayList<>();

        TrainResult result = Trainer.train(
                options,
                null,
                new TrainingListener() {
                    @Override
                    public void batchDone(int epoch, int batch, double loss) {
                        batches.add(batch);
                    }

                    @Override
                    public void epochDone(EpochMetrics r) {
                        epochs.add(r);
                        try {
                            csvAfterEachEpoch.add(java.nio.file.Files.readAllLines(dir.resolve("lenet.metrics.csv")));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        curvesAfterEachEpoch.add(java.nio.file.Files.isRegularFile(dir.resolve("lenet.curves.png")));
                    }
                },
                StopSignal.none());

        System.out.printf(
                "short run: validation accuracy %.4f after epoch 2, test accuracy %.4f%n",
                epochs.get(1).valAccuracy(), result.testAccuracy());
        // 6,000 images in batches of 32: 188 batches per epoch
        assertThat(batches).hasSize(2 * 188);
        assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(epochs.get(1).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        assertThat(epochs.get(1).valAccuracy()).isGreaterThan(0.93);
        assertThat(epochs).allSatisfy(e -> {
            assertThat(e.imagesPerSecond()).isPositive();
            assertThat(e.seconds()).isPositive();
        });
        assertThat(result.testAccuracy()).isGreaterThan(0.93);

        CheckpointMetadata best = Checkpoints.readMetadata(output);
        assertThat(best.epochs()).isEqualTo(result.bestEpoch());
        assertThat(best.testAccuracy()).isEqualTo(result.testAccuracy());
        assertThat(best.valAccuracy())
                .isEqualTo(epochs.get(result.bestEpoch() - 1).valAccuracy());
        assertThat(best.hyperParameters())
                .isEqualTo(HyperParameters.plain()
                        .epochs(2)
                        .batchSize(32)
                        .learningRate(0.001)
                        .shift(0)
                        .seed(42)
                        .valSize(1_000)
                        .limit(6_000)
                        .build());
        CheckpointMetadata last = Checkpoints.readMetadata(dir.resolve("lenet-last.zip"));
        assertThat(last.epochs()).isEqualTo(2);
        assertThat(Checkpoints.load(dir.resolve("lenet-last.zip"), true)
                        .network()
                        .getUpdater()
                        .getStateViewArray())
                .isNotNull();

        // the metrics and the curves are rewritten after every epoch, so they can be watched during training
        assertThat(csvAfterEachEpoch.get(0)).hasSize(2);
        assertThat(csvAfterEachEpoch.get(1)).hasSize(3);
        assertThat(curvesAfterEachEpoch).containsExactly(true, true);
        List<String> csv = csvAfterEachEpoch.get(1);
        assertThat(csv.get(0)).isEqualTo(TrainingRecord.CSV_HEADER);
        for (int i = 0; i < 2; i++) {
            String[] row = csv.get(i + 1).split(",");
            EpochMetrics e = epochs.get(i);
            assertThat(Integer.parseInt(row[0])).isEqualTo(e.epoch());
            assertThat(Double.parseDouble(row[1])).isCloseTo(e.trainLoss(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Double.parseDouble(row[2]))
                    .isCloseTo(e.trainAccuracy(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Double.parseDouble(row[4]))
                    .isCloseTo(e.valAccuracy(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Boolean.parseBoolean(row[7])).isEqualTo(e.best());
        }
        assertThat(epochs).allSatisfy(e -> assertThat(e.trainAccuracy()).isBetween(0.9, 1.0));
        java.awt.image.BufferedImage curves =
                javax.imageio.ImageIO.read(dir.resolve("lenet.curves.png").toFile());
        assertThat(curves.getWidth()).isEqualTo(2 * lenet.pictures.TrainingCurves.CHART_W);
    }

    @Test
    void twoWorkersTrainReplicasAndStillLearn() {
        Path output = dir.resolve("parallel.zip");
        TrainOptions options = new TrainOptions(
                HyperParameters.plain()
                        .epochs(2)
                        .batchSize(32)
                        .learningRate(0.001)
                        .shift(0)
                        .seed(42)
                        .valSize(1_000)
                        .limit(6_000)
                        .workers(2)
                        .build(),
                MnistImages.source(),
                output);
        List<Integer> batches = new ArrayList<>();

        TrainResult result = Trainer.train(
                options,
                null,
                new TrainingListener() {
                    @Override
                    public void batchDone(int epoch, int batch, double loss) {
                        synchronized (batches) {
                            batches.add(batch);
                        }
                    }
                },
                StopSignal.none());

        System.out.printf(
                "two workers: validation accuracy %.4f after epoch 2, test accuracy %.4f%n",
                result.epochs().get(1).valAccuracy(), result.testAccuracy());
        assertThat(batches).isNotEmpty();
        assertThat(result.epochs().get(1).valAccuracy()).isGreaterThan(0.9);
        assertThat(result.testAccuracy()).isGreaterThan(0.9);
        assertThat(Checkpoints.readMetadata(output).hyperParameters().workers()).isEqualTo(2);
        // the rate is scaled by the 2 workers, and the schedule advanced once per epoch as without workers
        MultiLayerNetwork last =
                Checkpoints.load(dir.resolve("parallel-last.zip"), true).network();
        assertThat(last.getEpochCount()).isEqualTo(2);
        assertThat(last.getLearningRate(0)).isCloseTo(0.001 * 2 * 0.7 * 0.7, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void oneWorkerOnTheCpuIsBitForBitReproducible() {
        MultiLayerNetwork first = trainSmall("a.zip", 7);
        MultiLayerNetwork second = trainSmall("b.zip", 7);
        MultiLayerNetwork otherSeed = trainSmall("c.zip", 8);

        assertThat(second.params().data().asFloat())
                .containsExactly(first.params().data().asFloat());
        assertThat(second.getUpdater().getStateViewArray().data().asFloat())
                .containsExactly(first.getUpdater().getStateViewArray().data().asFloat());
        assertThat(otherSeed.params().equalsWithEps(first.params(), 0)).isFalse();
    }

    /** 2 epochs on 1,500 images with shift augmentation: the same seed must give the same bits. */
    private MultiLayerNetwork trainSmall(String name, long seed) {
        Path output = dir.resolve(name);
        TrainOptions options = new TrainOptions(
                HyperParameters.plain()
                        .epochs(2)
                        .batchSize(64)
                        .learningRate(0.002)
                        .seed(seed)
                        .valSize(300)
                        .limit(1_500)
                        .build(),
                MnistImages.source(),
                output);
        Trainer.train(options, null, new TrainingListener() {}, StopSignal.none());
        return Checkpoints.load(options.lastOutput(), true).network();
    }

    @Test
    void lastOutputSitsBesideTheBestModel() {
        assertThat(optionsFor(Path.of("models/lenet.zip")).lastOutput()).isEqualTo(Path.of("models/lenet-last.zip"));
        assertThat(optionsFor(Path.of("/tmp/run7")).lastOutput()).isEqualTo(Path.of("/tmp/run7-last.zip"));
        assertThat(optionsFor(Path.of("/tmp/run7")).metricsOutput()).isEqualTo(Path.of("/tmp/run7.metrics.csv"));
        assertThat(optionsFor(Path.of("m/a b.zip")).curvesOutput()).isEqualTo(Path.of("m/a b.curves.png"));
    }

    private static TrainOptions optionsFor(Path output) {
        return new TrainOptions(
                HyperParameters.plain()
                        .epochs(1)
                        .batchSize(1)
                        .learningRate(0.1)
                        .gamma(1)
                        .shift(0)
                        .seed(1)
                        .valSize(0)
                        .build(),
                MnistImages.source(),
                output);
    }
}
