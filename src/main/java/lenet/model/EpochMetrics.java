package lenet.model;

/**
 * One finished epoch of training: what {@code lenet train} prints, writes to {@code NAME.metrics.csv}, draws in
 * {@code NAME.curves.png} and keeps in every checkpoint's training history. A value that was not measured is null:
 * the validation values without a validation set.
 *
 * @param epoch           1-based epoch number
 * @param trainLoss       mean training loss over the epoch's batches
 * @param trainAccuracy   accuracy after the epoch on the first {@link #TRAIN_ACCURACY_SAMPLE} images of the
 *                        training split, 0..1
 * @param valLoss         mean validation loss after the epoch
 * @param valAccuracy     validation accuracy after the epoch, 0..1
 * @param imagesPerSecond training images per second (the training pass only)
 * @param seconds         wall time of the epoch, training and validation
 * @param best            whether this epoch gave the best validation accuracy so far (and was saved)
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        Double trainAccuracy,
        Double valLoss,
        Double valAccuracy,
        double imagesPerSecond,
        double seconds,
        boolean best) {
    /** Training images whose accuracy is measured after every epoch: the first of the training split. */
    public static final int TRAIN_ACCURACY_SAMPLE = 5_000;
}
