package lenet.training;

import java.nio.file.Path;

/**
 * Everything that defines a training run.
 *
 * @param epochs       passes over the training images
 * @param batchSize    images per gradient step
 * @param learningRate Adam's learning rate in the first epoch, per worker (the network uses learningRate × workers)
 * @param gamma        learning-rate factor applied after each epoch
 * @param shift        data augmentation: training images move by up to this many pixels (0: off)
 * @param seed         seeds the validation split, the batch order and the weight initialisation
 * @param valSize      training images held out for validation
 * @param limit        train on only the first N images of the training split (0: all)
 * @param workers      model replicas trained in parallel and averaged after every step (1: no replicas)
 * @param dataDir      folder with the MNIST IDX files
 * @param output       where the best model (by validation accuracy) is written
 * @param lastOutput   where the last epoch's model with updater state is written
 */
public record TrainOptions(
        int epochs,
        int batchSize,
        double learningRate,
        double gamma,
        int shift,
        long seed,
        int valSize,
        int limit,
        int workers,
        Path dataDir,
        Path output,
        Path lastOutput) {

    /** {@code models/lenet.zip} gives {@code models/lenet-last.zip}. */
    public static Path lastOutputFor(Path output) {
        return beside(output, "-last.zip");
    }

    /** {@code models/lenet.zip} gives {@code models/lenet.metrics.csv}: one row per epoch. */
    public Path metricsOutput() {
        return beside(output, ".metrics.csv");
    }

    /** {@code models/lenet.zip} gives {@code models/lenet.curves.png}: loss and accuracy per epoch. */
    public Path curvesOutput() {
        return beside(output, ".curves.png");
    }

    private static Path beside(Path output, String suffix) {
        String name = output.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return output.resolveSibling(stem + suffix);
    }
}
