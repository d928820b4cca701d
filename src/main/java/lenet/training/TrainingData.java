package lenet.training;

import java.util.Arrays;
import lenet.core.LenetException;
import lenet.core.TestHold;
import lenet.data.Augmentation;
import lenet.data.DatasetImages;
import lenet.data.Distortion;
import lenet.data.FlaggedOnes;
import lenet.data.LabelSmoothing;
import lenet.data.Mirror;
import lenet.data.RandomShift;
import lenet.data.Split;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The images of a training run, split by its seed.
 *
 * @param train         the images trained on; reshuffled in place by the batches
 * @param validation    the held-out validation images, or null without a validation set
 * @param trainSample   the first {@link EpochMetrics#TRAIN_ACCURACY_SAMPLE} training images, whose accuracy is measured after
 *                      every epoch
 * @param augmentation  the batches' flagged 1s, mirror images, random shifts and distortions
 * @param smoothing     the batches' label smoothing
 */
record TrainingData(
        DataSet train, DataSet validation, DataSet trainSample, Augmentation augmentation, LabelSmoothing smoothing) {
    /** Reads the training images and splits them. */
    static TrainingData load(TrainOptions options) {
        HyperParameters hp = options.hyperParameters();
        TestHold.at("data");
        DatasetImages all = options.data().train();
        if (hp.valSize() >= all.size()) {
            throw LenetException.badInput("--val-size " + hp.valSize() + ": must be below the " + all.size() + " "
                    + options.data().title() + " training images");
        }
        Split split = Split.of(all.size(), hp.valSize(), hp.seed()).limitTrain(hp.limit());
        DataSet train = all.rows(split.train());
        DataSet validation = split.validation().length == 0 ? null : all.rows(split.validation());
        // a copy: the training set itself is reshuffled in place every epoch
        DataSet trainSample = all.rows(
                Arrays.copyOf(split.train(), Math.min(EpochMetrics.TRAIN_ACCURACY_SAMPLE, split.train().length)));
        Augmentation moves = hp.wholePixelShifts()
                ? new RandomShift(hp.shift(), hp.seed())
                : new Distortion(
                        new Distortion.Spec(
                                hp.shift(), hp.rotation(), hp.scale(), hp.shear(), hp.elastic(), hp.thickness()),
                        hp.seed());
        // at 0, FlaggedOnes and Mirror draw nothing and change nothing: runs without them train as before
        Augmentation augmentation = Augmentation.chain(
                Augmentation.chain(new FlaggedOnes(hp.flaggedOnes(), hp.seed()), new Mirror(hp.mirror(), hp.seed())),
                moves);
        LabelSmoothing smoothing = new LabelSmoothing(hp.labelSmoothing());
        return new TrainingData(train, validation, trainSample, augmentation, smoothing);
    }

    /** Readies a batch for its training step: flags some 1s and distorts its images, then smooths its labels. */
    void prepare(org.nd4j.linalg.dataset.api.DataSet batch) {
        begin(batch).finish();
    }

    /**
     * Begins readying a batch: draws its random values, flags its 1s and smooths its labels (after the flags, which
     * read them); the distortions of its images are left to the returned work.
     */
    Augmentation.Pending begin(org.nd4j.linalg.dataset.api.DataSet batch) {
        Augmentation.Pending images = augmentation.begin(batch);
        smoothing.preProcess(batch);
        return images;
    }

    /** Frees the images' native memory (about 200 MB): training is over, and the test set comes next. */
    void release() {
        DatasetImages.release(train);
        DatasetImages.release(validation);
        DatasetImages.release(trainSample);
    }

    int trainImages() {
        return train.numExamples();
    }

    int validationImages() {
        return validation == null ? 0 : validation.numExamples();
    }
}
