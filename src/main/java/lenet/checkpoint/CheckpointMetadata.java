package lenet.checkpoint;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import lenet.core.Versions;
import lenet.model.Classes;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import lenet.model.InputScaling;
import lenet.model.LeNet5;

/**
 * What a lenet checkpoint records besides the weights, stored as {@code lenet.json} inside the zip.
 *
 * @param format         always {@link #FORMAT}: tells a lenet checkpoint from any other DL4J zip
 * @param formatVersion  bumped when a field changes meaning
 * @param architecture   network name, {@code LeNet-5}
 * @param inputScaling   how pixels were turned into inputs (see {@link lenet.model.InputScaling})
 * @param epochs         epochs trained when this checkpoint was written
 * @param valAccuracy    validation accuracy after that epoch, 0..1 (null if there was no validation set)
 * @param valLoss        validation loss after that epoch
 * @param testAccuracy   accuracy on the dataset's test images, once measured (null before)
 * @param hyperParameters the options the model was trained with
 * @param dl4jVersion    DL4J release that wrote the file
 * @param lenetVersion   lenet release that wrote the file
 * @param created        ISO-8601 time of writing
 * @param training       where the training run stood, for {@code lenet train --resume} (null in files written
 *                       before format 2)
 * @param classes        the dataset and the names of the classes, one per output ({@link Classes#MNIST} for files
 *                       written before format 3)
 */
public record CheckpointMetadata(
        String format,
        int formatVersion,
        String architecture,
        String inputScaling,
        int epochs,
        Double valAccuracy,
        Double valLoss,
        Double testAccuracy,
        HyperParameters hyperParameters,
        String dl4jVersion,
        String lenetVersion,
        String created,
        TrainingState training,
        Classes classes) {

    public static final String FORMAT = "lenet-checkpoint";
    /** 2 added {@code training}, 3 {@code classes}. */
    public static final int FORMAT_VERSION = 3;

    /** The model's classes: MNIST's digits for a file written before they were recorded. */
    @Override
    public Classes classes() {
        return classes == null ? Classes.MNIST : classes;
    }

    /**
     * Where a training run stood when a checkpoint was written. The random streams (split, batch order, shifts,
     * initial weights) all derive from {@link HyperParameters#seed()}; a resumed run replays them to this position.
     *
     * @param epoch           the epoch to train next, or the one that was stopped (1-based)
     * @param batchesDone     batches of that epoch already trained (0: it has not started)
     * @param batchesPerEpoch batches in every epoch
     * @param epochLossSum    sum of the training losses of those batches
     * @param bestEpoch       the epoch of the best model so far by validation accuracy (0: none yet)
     * @param bestValAccuracy its validation accuracy (null: none yet, or no validation set)
     * @param history         the finished epochs' metrics
     */
    public record TrainingState(
            int epoch,
            int batchesDone,
            int batchesPerEpoch,
            double epochLossSum,
            int bestEpoch,
            Double bestValAccuracy,
            List<EpochMetrics> history) {}

    /**
     * The metadata of a model of {@code classes} trained for {@code epochs} epochs with {@code hyperParameters},
     * written now by this version of lenet.
     *
     * @param valAccuracy its validation accuracy, 0..1, or null without a validation set
     * @param valLoss     its validation loss, or null without a validation set
     * @param training    where the run stands, or null for a model that cannot be resumed
     */
    public static CheckpointMetadata of(
            HyperParameters hyperParameters,
            Classes classes,
            int epochs,
            Double valAccuracy,
            Double valLoss,
            TrainingState training) {
        return new CheckpointMetadata(
                FORMAT,
                FORMAT_VERSION,
                LeNet5.ARCHITECTURE,
                InputScaling.DESCRIPTION,
                epochs,
                valAccuracy,
                valLoss,
                null,
                hyperParameters,
                Versions.dl4j(),
                Versions.lenet(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                training,
                classes);
    }

    public CheckpointMetadata withTestAccuracy(double accuracy) {
        return new CheckpointMetadata(
                format,
                formatVersion,
                architecture,
                inputScaling,
                epochs,
                valAccuracy,
                valLoss,
                accuracy,
                hyperParameters,
                dl4jVersion,
                lenetVersion,
                created,
                training,
                classes);
    }
}
