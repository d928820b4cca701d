package lenet.training;

import java.util.Arrays;
import lenet.core.StopSignal;
import lenet.core.TestHold;
import lenet.data.Augmentation;
import lenet.data.Distortion;
import lenet.data.LabelSmoothing;
import lenet.data.MnistData;
import lenet.data.RandomShift;
import lenet.data.ShuffledBatches;
import lenet.data.Split;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The images of a training run, split by its seed.
 *
 * @param trainImages   how many images are trained on
 * @param validation    the held-out validation images, or null without a validation set
 * @param trainSample   the first {@link EpochMetrics#TRAIN_ACCURACY_SAMPLE} training images, whose accuracy is measured after
 *                      every epoch
 * @param batches       the training images in seeded batches, reshuffled every epoch, distorted by {@code augmentation}
 *                      and their labels smoothed as the run asks
 * @param augmentation  the batches' random shifts and distortions
 */
record TrainingData(
        int trainImages, DataSet validation, DataSet trainSample, ShuffledBatches batches, Augmentation augmentation) {
    /** Reads the training images and splits them; the batches end early once {@code stop} is requested. */
    static TrainingData load(TrainOptions options, StopSignal stop) {
        HyperParameters hp = options.hyperParameters();
        TestHold.at("data");
        MnistData.Images all = MnistData.trainImages(options.dataDir());
        Split split = Split.of(all.size(), hp.valSize(), hp.seed()).limitTrain(hp.limit());
        DataSet train = all.rows(split.train());
        DataSet validation = split.validation().length == 0 ? null : all.rows(split.validation());
        // a copy: the training set itself is reshuffled in place every epoch
        DataSet trainSample = all.rows(
                Arrays.copyOf(split.train(), Math.min(EpochMetrics.TRAIN_ACCURACY_SAMPLE, split.train().length)));
        ShuffledBatches batches = new ShuffledBatches(train, hp.batchSize(), hp.seed(), stop::requested);
        Augmentation augmentation = hp.wholePixelShifts()
                ? new RandomShift(hp.shift(), hp.seed())
                : new Distortion(
                        new Distortion.Spec(
                                hp.shift(), hp.rotation(), hp.scale(), hp.shear(), hp.elastic(), hp.thickness()),
                        hp.seed());
        LabelSmoothing smoothing = new LabelSmoothing(hp.labelSmoothing());
        batches.setPreProcessor(batch -> {
            augmentation.preProcess(batch);
            smoothing.preProcess(batch);
        });
        return new TrainingData(train.numExamples(), validation, trainSample, batches, augmentation);
    }

    /** Frees the images' native memory (about 200 MB): training is over, and the test set comes next. */
    void release() {
        batches.release();
        MnistData.release(validation);
        MnistData.release(trainSample);
    }

    int validationImages() {
        return validation == null ? 0 : validation.numExamples();
    }
}
