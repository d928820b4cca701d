package lenet.training;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.Checkpoints;
import lenet.core.Versions;
import lenet.data.MnistData;
import lenet.data.RandomShift;
import lenet.data.ShuffledBatches;
import lenet.data.Split;
import lenet.evaluation.Evaluator;
import lenet.model.InputScaling;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains LeNet-5 on MNIST: holds out a seeded validation set, trains for the given epochs, writes the best
 * model by validation accuracy and the last epoch's model, then measures the best model on the test set.
 */
public final class Trainer {
    private Trainer() {
    }

    public static TrainResult train(TrainOptions options, TrainingListener listener) {
        Checkpoints.checkWritable(options.output()); // before minutes of training, not after
        Checkpoints.checkWritable(options.lastOutput());
        DataSet all = MnistData.train(options.dataDir());
        Split split = Split.of(all.numExamples(), options.valSize(), options.seed()).limitTrain(options.limit());
        DataSet train = MnistData.rows(all, split.train());
        DataSet validation = split.validation().length == 0 ? null : MnistData.rows(all, split.validation());
        listener.started(train.numExamples(), split.validation().length, options.epochs());

        // Averaging N replicas after every step takes N times fewer steps per epoch: scale the rate by N.
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(options.seed(),
                options.learningRate() * options.workers(), options.gamma()));
        network.init();
        ShuffledBatches batches = new ShuffledBatches(train, options.batchSize(), options.seed());
        batches.setPreProcessor(new RandomShift(options.shift(), options.seed()));
        int batchesPerEpoch = (train.numExamples() + options.batchSize() - 1) / options.batchSize();
        LossTracker losses = new LossTracker(listener);
        network.setListeners(losses);
        List<EpochResult> results = new ArrayList<>();
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            listener.epochStarted(epoch, batchesPerEpoch);
            losses.startEpoch(epoch);
            long start = System.nanoTime();
            if (options.workers() > 1) {
                fitInParallel(network, batches, options.workers(), losses);
            } else {
                network.fit(batches);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;

            Evaluator.Result val = validation == null ? null : Evaluator.evaluate(network, validation);
            double valAccuracy = val == null ? Double.NaN : val.accuracy();
            boolean best = val == null || valAccuracy > bestAccuracy;
            CheckpointMetadata metadata = metadata(options, epoch, val);
            if (best) {
                bestAccuracy = valAccuracy;
                bestEpoch = epoch;
                Checkpoints.save(network, metadata, options.output());
            }
            Checkpoints.save(network, metadata, options.lastOutput());
            EpochResult result = new EpochResult(epoch, losses.mean(), val == null ? Double.NaN : val.loss(),
                    valAccuracy, train.numExamples() / trainSeconds, (System.nanoTime() - start) / 1e9, best);
            results.add(result);
            listener.epochDone(result);
        }

        Checkpoints.Loaded best = Checkpoints.load(options.output(), true);
        double testAccuracy = Evaluator.evaluate(best.network(), MnistData.test(options.dataDir())).accuracy();
        Checkpoints.save(best.network(), best.metadata().withTestAccuracy(testAccuracy), options.output());
        TrainResult result = new TrainResult(List.copyOf(results), bestEpoch, testAccuracy, options.output(),
                options.lastOutput());
        listener.finished(result);
        return result;
    }

    /**
     * One epoch with DL4J's ParallelWrapper: each worker trains a replica on its own batches, and parameters and
     * Adam state are averaged into {@code network} after every step, so one step consumes workers × batch images.
     * The wrapper never advances the epoch count, and its replicas are built from the network's configuration, so
     * a new wrapper per epoch, with the count advanced here, keeps the per-epoch learning-rate decay working.
     */
    private static void fitInParallel(MultiLayerNetwork network, ShuffledBatches batches, int workers,
                                      LossTracker losses) {
        ParallelWrapper parallel = new ParallelWrapper.Builder<>(network)
                .workers(workers)
                .prefetchBuffer(2 * workers)
                .averagingFrequency(1)
                .averageUpdaters(true)
                .reportScoreAfterAveraging(true)
                .trainingMode(ParallelWrapper.TrainingMode.AVERAGING)
                .build();
        try {
            parallel.setListeners(losses);
            parallel.fit(batches);
        } finally {
            parallel.shutdown();
        }
        network.incrementEpochCount();
    }

    public static CheckpointMetadata metadata(TrainOptions options, int epoch, Evaluator.Result validation) {
        return new CheckpointMetadata(CheckpointMetadata.FORMAT, CheckpointMetadata.FORMAT_VERSION,
                LeNet5.ARCHITECTURE, InputScaling.DESCRIPTION, epoch,
                validation == null ? null : validation.accuracy(),
                validation == null ? null : validation.loss(),
                null,
                new CheckpointMetadata.HyperParameters(options.epochs(), options.batchSize(), options.learningRate(),
                        options.gamma(), options.shift(), options.seed(), options.valSize(), options.limit(),
                        options.workers()),
                Versions.dl4j(), Versions.lenet(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /**
     * A DL4J listener that averages the minibatch loss over an epoch and forwards each batch. With several workers
     * it is called from their threads, hence synchronized.
     */
    private static final class LossTracker extends BaseTrainingListener {
        private final TrainingListener listener;
        private int epoch;
        private int batch;
        private double sum;

        LossTracker(TrainingListener listener) {
            this.listener = listener;
        }

        synchronized void startEpoch(int epoch) {
            this.epoch = epoch;
            this.batch = 0;
            this.sum = 0;
        }

        synchronized double mean() {
            return batch == 0 ? Double.NaN : sum / batch;
        }

        @Override
        public synchronized void iterationDone(Model model, int iteration, int dl4jEpoch) {
            double loss = model.score();
            sum += loss;
            batch++;
            listener.batchDone(epoch, batch, loss);
        }
    }
}
