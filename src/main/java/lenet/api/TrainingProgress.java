package lenet.api;

/**
 * Follows a {@link Training} run, on the thread that runs it; every method does nothing unless overridden. Progress
 * as {@code lenet train} prints it.
 */
public interface TrainingProgress {
    /**
     * The images are loaded and split; the first epoch is about to start.
     *
     * @param images           the images' name: {@code MNIST}, {@code Fashion-MNIST}, a folder's
     * @param trainImages      images trained on
     * @param validationImages images held out for validation (0 without a validation set)
     * @param epochs           epochs to train
     */
    default void started(String images, int trainImages, int validationImages, int epochs) {}

    /**
     * @param epoch   1-based
     * @param batches batches in this epoch
     */
    default void epochStarted(int epoch, int batches) {}

    /**
     * @param epoch 1-based
     * @param batch 1-based, within the epoch
     * @param loss  the batch's training loss
     */
    default void batchDone(int epoch, int batch, double loss) {}

    /**
     * @param epoch    1-based
     * @param loss     the epoch's mean training loss
     * @param accuracy validation accuracy with a validation set, else the accuracy on the first 5,000 training
     *                 images, 0 to 1
     */
    default void epochDone(int epoch, double loss, double accuracy) {}

    /** @param message something worth knowing that does not stop the run: an unusable image skipped, a fallback */
    default void warning(String message) {}
}
