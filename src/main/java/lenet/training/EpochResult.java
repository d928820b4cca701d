package lenet.training;

/**
 * One finished epoch.
 *
 * @param epoch           1-based epoch number
 * @param trainLoss       mean training loss over the epoch's batches
 * @param trainAccuracy   accuracy after the epoch on a fixed sample of the training images (see
 *                        {@link Trainer#TRAIN_ACCURACY_SAMPLE}), 0..1
 * @param valLoss         mean validation loss after the epoch (NaN without a validation set)
 * @param valAccuracy     validation accuracy after the epoch, 0..1 (NaN without a validation set)
 * @param imagesPerSecond training images per second (the training pass only)
 * @param seconds         wall time of the epoch, training and validation
 * @param best            whether this epoch gave the best validation accuracy so far (and was saved)
 */
public record EpochResult(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double valLoss,
        double valAccuracy,
        double imagesPerSecond,
        double seconds,
        boolean best) {}
