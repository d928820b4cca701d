package lenet.training;

import java.util.ArrayList;
import java.util.List;
import lenet.checkpoint.CheckpointMetadata.TrainingState;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.evaluation.Evaluator;
import lenet.model.EpochMetrics;

/** Where a training run stands; written into every checkpoint as its {@link TrainingState}. */
final class RunState {
    /** The epoch being trained (1-based); after the last, one more than the epochs. */
    int epoch;
    /** Batches of {@link #epoch} already trained. */
    int batchesDone;
    /** Sum of their training losses. */
    double lossSum;
    /** The epoch of the best model so far by validation accuracy (0: none yet). */
    int bestEpoch;
    /** Its validation accuracy (negative infinity: none yet). */
    double bestAccuracy;
    /** The finished epochs. */
    final List<EpochMetrics> history;
    /** Batches this process trained (a resumed run starts at 0). */
    private int trainedHere;

    private RunState(
            int epoch,
            int batchesDone,
            double lossSum,
            int bestEpoch,
            double bestAccuracy,
            List<EpochMetrics> history) {
        this.epoch = epoch;
        this.batchesDone = batchesDone;
        this.lossSum = lossSum;
        this.bestEpoch = bestEpoch;
        this.bestAccuracy = bestAccuracy;
        this.history = history;
    }

    /** A new run, before its first batch. */
    static RunState start() {
        return new RunState(1, 0, 0, 0, Double.NEGATIVE_INFINITY, new ArrayList<>());
    }

    /** Where the checkpoint's run stood; it must fit training images of {@code batchesPerEpoch} batches. */
    static RunState of(Checkpoints.Loaded checkpoint, int batchesPerEpoch) {
        TrainingState state = Resume.state(checkpoint);
        String file = LenetHome.display(checkpoint.path());
        if (state.batchesPerEpoch() != batchesPerEpoch
                || state.epoch() < 1
                || state.batchesDone() < 0
                || state.batchesDone() >= batchesPerEpoch
                || state.bestEpoch() < 0
                || state.bestEpoch() >= state.epoch()
                || state.history() == null) {
            throw LenetException.badInput(file + ": cannot resume: its training state (epoch " + state.epoch()
                    + ", batch " + state.batchesDone() + " of " + state.batchesPerEpoch() + ") does not fit "
                    + "these training images (" + batchesPerEpoch + " batches per epoch)");
        }
        return new RunState(
                state.epoch(),
                state.batchesDone(),
                state.epochLossSum(),
                state.bestEpoch(),
                state.bestValAccuracy() == null ? Double.NEGATIVE_INFINITY : state.bestValAccuracy(),
                new ArrayList<>(state.history()));
    }

    /** Counts one more batch of {@link #epoch} trained, with its loss. */
    void batchDone(double loss) {
        batchesDone++;
        lossSum += loss;
        trainedHere++;
    }

    /** Whether this process has trained any batch. */
    boolean trainedAny() {
        return trainedHere > 0;
    }

    /** The mean loss of this epoch's batches so far. */
    double meanLoss() {
        return batchesDone == 0 ? Double.NaN : lossSum / batchesDone;
    }

    /** Moves on to the next epoch, before its first batch. */
    void nextEpoch() {
        epoch++;
        batchesDone = 0;
        lossSum = 0;
    }

    /**
     * Finishes {@link #epoch}: its figures, kept in {@link #history}; the best so far when its validation accuracy
     * beats the best (every epoch, without a validation set).
     *
     * @param val            the validation set's loss and accuracy, or null without one
     * @param trainAccuracy  the accuracy on the sample of training images
     * @param images         images trained in this epoch by this process
     * @param trainSeconds   the time those took
     * @param startNanos     when the epoch started, for its wall time with validation
     */
    EpochMetrics epochDone(
            Evaluator.Result val, double trainAccuracy, int images, double trainSeconds, long startNanos) {
        boolean best = val == null || val.accuracy() > bestAccuracy;
        EpochMetrics result = new EpochMetrics(
                epoch,
                meanLoss(),
                trainAccuracy,
                val == null ? null : val.loss(),
                val == null ? null : val.accuracy(),
                images / trainSeconds,
                (System.nanoTime() - startNanos) / 1e9,
                best);
        history.add(result);
        if (best) {
            bestAccuracy = val == null ? Double.NaN : val.accuracy();
            bestEpoch = epoch;
        }
        return result;
    }

    /**
     * Whether the finished epochs have gone {@code patience} epochs without a better validation accuracy (never when
     * patience is 0, or before a best epoch).
     */
    boolean outOfPatience(int patience) {
        return patience > 0 && bestEpoch > 0 && (epoch - 1) - bestEpoch >= patience;
    }

    /** Forgets the best model (its file was overwritten): the best of the epochs still to train will be written. */
    void forgetBest() {
        bestEpoch = 0;
        bestAccuracy = Double.NEGATIVE_INFINITY;
    }

    /** Where the run stands now. */
    TrainingState state(int batchesPerEpoch) {
        return new TrainingState(
                epoch, batchesDone, batchesPerEpoch, lossSum, bestEpoch, bestValAccuracy(), List.copyOf(history));
    }

    /** What a resumed run needs after {@link #epoch} finished: the next epoch, from its first batch. */
    TrainingState stateAfterEpoch(int batchesPerEpoch) {
        return new TrainingState(epoch + 1, 0, batchesPerEpoch, 0, bestEpoch, bestValAccuracy(), List.copyOf(history));
    }

    /** The best validation accuracy so far, or null (none yet, or no validation set). */
    Double bestValAccuracy() {
        return Double.isFinite(bestAccuracy) ? bestAccuracy : null;
    }
}
