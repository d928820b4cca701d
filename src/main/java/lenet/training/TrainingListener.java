package lenet.training;

import java.nio.file.Path;
import lenet.model.EpochMetrics;

/** Follows a training run; every method has a no-op default. */
public interface TrainingListener {
    /** A run goes on from a checkpoint, at {@code batchesDone} batches into {@code epoch}. */
    default void resumed(Path checkpoint, int epoch, int batchesDone, int batchesPerEpoch) {}

    /**
     * A run stopped after its last epoch, before its test figure was recorded, is finished: its best model (of
     * {@code bestEpoch}) is tested and no epoch is trained.
     */
    default void finishing(Path checkpoint, int epochs, int bestEpoch) {}

    /** Something the user should know that does not stop the run. */
    default void warning(String message) {}

    /** The data is loaded and split; training is about to start. */
    default void started(String images, int trainImages, int validationImages, int epochs) {}

    /** An epoch starts, or goes on after {@code batchesDone} batches trained before a resume. */
    default void epochStarted(int epoch, int batches, int batchesDone) {}

    default void batchDone(int epoch, int batch, double loss) {}

    default void epochDone(EpochMetrics result) {}

    /** The best model was evaluated on the test set. */
    default void finished(TrainResult result) {}
}
