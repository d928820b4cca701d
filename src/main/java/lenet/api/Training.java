package lenet.api;

import java.nio.file.Path;
import java.util.Objects;
import lenet.core.StopSignal;
import lenet.data.Dataset;
import lenet.model.HyperParameters;
import lenet.model.HyperParametersBuilder;

/**
 * Trains LeNet-5 from code, as {@code lenet train} does: the same defaults for each dataset, the same rules for
 * every value (a value out of range fails with the line {@code lenet train} prints), the same files written.
 *
 * <pre>{@code
 * TrainingResult result = Training.of("fashion-mnist").epochs(2).seed(7).output(Path.of("fashion.zip")).run();
 * }</pre>
 *
 * <p>Each setter is the {@code lenet train} option of the same name ({@code --batch-size} is {@link #batchSize}); see
 * {@code lenet train --help} for what each does. A value left alone is the dataset's default. Not thread-safe: one
 * thread sets up and runs a training.
 */
public final class Training {
    private final Dataset dataset; // null for a person's own images
    private final Path images;
    private final HyperParametersBuilder hp;
    private boolean limitGiven;
    private Path dataDir;
    private Path output;
    private TrainingProgress progress = new TrainingProgress() {};
    private final StopSignal stop = StopSignal.none();

    private Training(Dataset dataset, Path images, HyperParameters recipe) {
        this.dataset = dataset;
        this.images = images;
        this.hp = HyperParametersBuilder.builder(recipe);
    }

    /**
     * @param dataset {@code mnist}, {@code fashion-mnist}, {@code kmnist}, {@code emnist-digits},
     *                {@code emnist-letters}, {@code emnist-balanced} or {@code qmnist}; its files are found as
     *                {@code lenet train --dataset} finds them: {@link #dataDir}, else {@code data/NAME} in the working
     *                directory, else a system copy, else they are downloaded there and checked
     * @return a training on that dataset with its defaults
     * @throws LenetApiException for a name lenet does not know
     */
    public static Training of(String dataset) {
        Dataset chosen = Dataset.named(dataset)
                .orElseThrow(() -> new LenetApiException(
                        "Invalid value for option '--dataset': unknown dataset '" + dataset + "'; one of: "
                                + Dataset.names(),
                        null));
        return new Training(chosen, null, chosen.recipe());
    }

    /**
     * @param dir a person's own labelled images, one sub-folder per class ({@code dir/cat/*.png}), as
     *            {@code lenet train --images} reads them
     * @return a training on those images with the defaults for them
     */
    public static Training images(Path dir) {
        return new Training(null, Objects.requireNonNull(dir, "dir"), Dataset.ownImagesRecipe());
    }

    /**
     * @param dir the folder of the dataset's four IDX files ({@code --data-dir})
     * @return this training
     */
    public Training dataDir(Path dir) {
        if (dataset == null) {
            throw new LenetApiException("--images DIR trains on your own images: leave out --data-dir", null);
        }
        this.dataDir = dir;
        return this;
    }

    /**
     * @param file where the model is written ({@code --output}; default: {@code models/lenet.zip} for MNIST,
     *             {@code models/NAME.zip} for another dataset or folder, in the working directory)
     * @return this training
     */
    public Training output(Path file) {
        this.output = file;
        return this;
    }

    /**
     * @param listener hears of the run's progress
     * @return this training
     */
    public Training progress(TrainingProgress listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * @param n passes over the training images ({@code --epochs})
     * @return this training
     */
    public Training epochs(int n) {
        hp.epochs(n);
        return this;
    }

    /**
     * @param n images per gradient step ({@code --batch-size})
     * @return this training
     */
    public Training batchSize(int n) {
        hp.batchSize(n);
        return this;
    }

    /**
     * @param rate Adam's learning rate in the first epoch ({@code --lr})
     * @return this training
     */
    public Training learningRate(double rate) {
        hp.learningRate(rate);
        return this;
    }

    /**
     * @param seed seeds the batch order, the augmentation and the weights ({@code --seed})
     * @return this training
     */
    public Training seed(long seed) {
        hp.seed(seed);
        return this;
    }

    /**
     * @param n train on only the first {@code n} training images ({@code --limit})
     * @return this training
     */
    public Training limit(int n) {
        hp.limit(n);
        limitGiven = true;
        return this;
    }

    /**
     * @param n training images held out for validation ({@code --val-size})
     * @return this training
     */
    public Training valSize(int n) {
        hp.valSize(n);
        return this;
    }

    /**
     * @param n stop after {@code n} epochs without a better validation accuracy ({@code --patience})
     * @return this
     */
    public Training patience(int n) {
        hp.patience(n);
        return this;
    }

    /**
     * @param pixels move training images by up to this many pixels ({@code --shift})
     * @return this training
     */
    public Training shift(int pixels) {
        hp.shift(pixels);
        return this;
    }

    /**
     * @param factor with the exponential schedule, the learning rate's factor per epoch ({@code --gamma})
     * @return this training
     */
    public Training gamma(double factor) {
        hp.gamma(factor);
        return this;
    }

    /**
     * @param n model replicas trained in parallel and averaged ({@code --workers})
     * @return this training
     */
    public Training workers(int n) {
        hp.workers(n);
        return this;
    }

    /**
     * @param degrees turn training images by up to this ({@code --rotate})
     * @return this training
     */
    public Training rotation(double degrees) {
        hp.rotation(degrees);
        return this;
    }

    /**
     * @param fraction grow or shrink training images by up to this ({@code --scale})
     * @return this training
     */
    public Training scale(double fraction) {
        hp.scale(fraction);
        return this;
    }

    /**
     * @param slope slant training images by up to this ({@code --shear})
     * @return this training
     */
    public Training shear(double slope) {
        hp.shear(slope);
        return this;
    }

    /**
     * @param pixels bend training images by up to this ({@code --elastic})
     * @return this training
     */
    public Training elastic(double pixels) {
        hp.elastic(pixels);
        return this;
    }

    /**
     * @param fraction thicken or thin strokes by up to this ({@code --thicken})
     * @return this training
     */
    public Training thickness(double fraction) {
        hp.thickness(fraction);
        return this;
    }

    /**
     * @param share the share of the target spread over all classes ({@code --label-smoothing})
     * @return this training
     */
    public Training labelSmoothing(double share) {
        hp.labelSmoothing(share);
        return this;
    }

    /**
     * @param name how the learning rate falls: {@code exponential} or {@code cosine} ({@code --schedule})
     * @return this training
     */
    public Training schedule(String name) {
        hp.schedule(name);
        return this;
    }

    /**
     * @param share the share of training 1s given a flag ({@code --flagged-ones})
     * @return this training
     */
    public Training flaggedOnes(double share) {
        hp.flaggedOnes(share);
        return this;
    }

    /**
     * @param share the share of training images flipped left to right ({@code --mirror})
     * @return this training
     */
    public Training mirror(double share) {
        hp.mirror(share);
        return this;
    }

    /**
     * Trains, writes the model (and beside it NAME-last.zip, NAME.metrics.csv and NAME.curves.png, as
     * {@code lenet train} does), and tests it on the dataset's test images.
     *
     * @return the model written and its test accuracy
     * @throws LenetApiException when a value is out of range, the images cannot be found or read, or the model cannot
     *                           be written, with the line {@code lenet train} prints
     */
    public TrainingResult run() {
        return TrainingRun.run(dataset, images, dataDir, hp.build(), limitGiven, output, progress, stop);
    }

    /**
     * Asks the run to stop after its current batch, from any thread (a {@link TrainingProgress} method too): it writes
     * where it stood to NAME-last.zip, which {@code lenet train --resume} goes on from, and {@link #run()} throws a
     * {@link LenetApiException} saying so, as {@code lenet train} says it after Ctrl-C. A run not yet started stops
     * before its first batch.
     */
    public void stop() {
        stop.request();
    }
}
