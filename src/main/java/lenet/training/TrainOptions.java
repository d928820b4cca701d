package lenet.training;

import java.nio.file.Path;
import lenet.core.FileNames;
import lenet.core.LenetHome;
import lenet.data.Dataset;
import lenet.data.ImageSource;
import lenet.model.HyperParameters;

/**
 * A training run: what it trains with, and where it reads and writes.
 *
 * @param hyperParameters what defines the run (and is stored in every checkpoint)
 * @param data            the labelled images: a dataset, or a person's own folder
 * @param output          where the best model (by validation accuracy) is written
 */
public record TrainOptions(HyperParameters hyperParameters, ImageSource data, Path output) {
    /** The share of each class of a person's own images held out for the test figure. */
    public static final double IMAGES_TEST_FRACTION = 0.2;

    /**
     * Where the model goes unless told: {@code models/lenet.zip} for MNIST, {@code models/NAME.zip} for another
     * dataset, {@code models/FOLDER.zip} for a person's own {@code images} (null: {@code dataset}'s).
     */
    public static Path defaultOutput(Dataset dataset, Path images) {
        String name = images != null ? ImageSource.folderName(images) : dataset == Dataset.MNIST ? "lenet" : dataset.id;
        return LenetHome.modelsDir().resolve(name + ".zip");
    }

    /** {@code models/lenet.zip} gives {@code models/lenet-last.zip}: the last epoch's model with optimizer state. */
    public Path lastOutput() {
        return FileNames.beside(output, "-last.zip");
    }

    /** {@code models/lenet.zip} gives {@code models/lenet.metrics.csv}: one row per epoch. */
    public Path metricsOutput() {
        return FileNames.beside(output, ".metrics.csv");
    }

    /** {@code models/lenet.zip} gives {@code models/lenet.curves.png}: loss and accuracy per epoch. */
    public Path curvesOutput() {
        return FileNames.beside(output, ".curves.png");
    }
}
