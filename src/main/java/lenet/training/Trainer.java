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
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains LeNet-5 on MNIST: holds out a seeded validation set, trains for the given epochs, writes the best
 * model by validation accuracy and the last epoch's model, then measures the best model on the test set.
 */
public final class Trainer {
    private Trainer() {
    }

    public static TrainResult train(TrainOptions options, TrainingListener listener) {
        DataSet all = MnistData.train(options.dataDir());
        Split split = Split.of(all.numExamples(), options.valSize(), options.seed()).limitTrain(options.limit());
        DataSet train = MnistData.rows(all, split.train());
        DataSet validation = split.validation().length == 0 ? null : MnistData.rows(all, split.validation());
        listener.started(train.numExamples(), split.validation().length, options.epochs());

        MultiLayerNetwork network = new MultiLayerNetwork(
                LeNet5.configuration(options.seed(), options.learningRate(), options.gamma()));
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
            network.fit(batches);
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

    static CheckpointMetadata metadata(TrainOptions options, int epoch, Evaluator.Result validation) {
        return new CheckpointMetadata(CheckpointMetadata.FORMAT, CheckpointMetadata.FORMAT_VERSION,
                LeNet5.ARCHITECTURE, InputScaling.DESCRIPTION, epoch,
                validation == null ? null : validation.accuracy(),
                validation == null ? null : validation.loss(),
                null,
                new CheckpointMetadata.HyperParameters(options.epochs(), options.batchSize(), options.learningRate(),
                        options.gamma(), options.shift(), options.seed(), options.valSize(), options.limit()),
                Versions.dl4j(), Versions.lenet(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** A DL4J listener that averages the minibatch loss over an epoch and forwards each batch. */
    private static final class LossTracker extends BaseTrainingListener {
        private final TrainingListener listener;
        private int epoch;
        private int batch;
        private double sum;

        LossTracker(TrainingListener listener) {
            this.listener = listener;
        }

        void startEpoch(int epoch) {
            this.epoch = epoch;
            this.batch = 0;
            this.sum = 0;
        }

        double mean() {
            return batch == 0 ? Double.NaN : sum / batch;
        }

        @Override
        public void iterationDone(Model model, int iteration, int dl4jEpoch) {
            double loss = model.score();
            sum += loss;
            batch++;
            listener.batchDone(epoch, batch, loss);
        }
    }
}
