package lenet.training;

import lenet.core.TestHold;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * A DL4J listener that sums the minibatch loss over an epoch and forwards each batch. With several workers it is
 * called from their threads, hence synchronized.
 */
final class LossTracker extends BaseTrainingListener {
    private final TrainingListener listener;
    private int epoch;
    private int batch;
    private double sum;
    private int trainedThisRun;

    LossTracker(TrainingListener listener) {
        this.listener = listener;
    }

    /** An epoch starts, or goes on after {@code batchesDone} batches whose losses summed to {@code lossSum}. */
    synchronized void startEpoch(int epoch, int batchesDone, double lossSum) {
        this.epoch = epoch;
        this.batch = batchesDone;
        this.sum = lossSum;
    }

    synchronized double sum() {
        return sum;
    }

    /** The mean loss of the epoch's batches so far. */
    synchronized double mean() {
        return batch == 0 ? Double.NaN : sum / batch;
    }

    /** Whether this process has trained any batch (a resumed run starts at 0). */
    synchronized boolean trainedAny() {
        return trainedThisRun > 0;
    }

    @Override
    public synchronized void iterationDone(Model model, int iteration, int dl4jEpoch) {
        double loss = model.score();
        sum += loss;
        batch++;
        trainedThisRun++;
        listener.batchDone(epoch, batch, loss);
        TestHold.at("batch");
    }
}
