package lenet.training;

/** Follows a training run; every method has a no-op default. */
public interface TrainingListener {
    /** The data is loaded and split; training is about to start. */
    default void started(int trainImages, int validationImages, int epochs) {
    }

    default void epochStarted(int epoch, int batches) {
    }

    default void batchDone(int epoch, int batch, double loss) {
    }

    default void epochDone(EpochResult result) {
    }

    /** The best model was evaluated on the test set. */
    default void finished(TrainResult result) {
    }
}
