package lenet.training;

import java.nio.file.Path;
import lenet.core.FileNames;
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
