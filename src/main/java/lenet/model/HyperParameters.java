package lenet.model;

/**
 * The options that define a training run: the same values (on the same CPU kind) train the same weights. The one
 * record of them: {@code lenet train} builds it from its options, the trainer reads it, and every checkpoint stores
 * it in {@code lenet.json} (as {@code hyperParameters}), from where {@code --resume} takes it back.
 *
 * @param epochs       passes over the training images
 * @param batchSize    images per gradient step
 * @param learningRate Adam's learning rate in the first epoch, per worker (the network uses learningRate × workers)
 * @param gamma        learning-rate factor applied after each epoch
 * @param shift        data augmentation: training images move by up to this many pixels (0: off)
 * @param seed         seeds the validation split, the batch order, the shifts and the weight initialisation
 * @param valSize      training images held out for validation
 * @param limit        train on only the first N images of the training split (0: all)
 * @param workers      model replicas trained in parallel and averaged after every step (1: no replicas)
 * @param patience     stop once validation accuracy has not improved for this many epochs (0: never; checkpoints
 *                     written before it existed read as 0)
 */
public record HyperParameters(
        int epochs,
        int batchSize,
        double learningRate,
        double gamma,
        int shift,
        long seed,
        int valSize,
        int limit,
        int workers,
        int patience) {

    /** A run that trains all its epochs (no early stopping). */
    public HyperParameters(
            int epochs,
            int batchSize,
            double learningRate,
            double gamma,
            int shift,
            long seed,
            int valSize,
            int limit,
            int workers) {
        this(epochs, batchSize, learningRate, gamma, shift, seed, valSize, limit, workers, 0);
    }

    /** The same run, trained for {@code total} epochs. */
    public HyperParameters withEpochs(int total) {
        return new HyperParameters(
                total, batchSize, learningRate, gamma, shift, seed, valSize, limit, workers, patience);
    }
}
