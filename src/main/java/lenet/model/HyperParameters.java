package lenet.model;

import io.soabase.recordbuilder.core.RecordBuilder;

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
 * @param valSize      training images held out for validation (0: none, every epoch is kept in turn)
 * @param limit        train on only the first N images of the training split (0: all)
 * @param workers      model replicas trained in parallel and averaged after every step (1: no replicas)
 * @param patience     stop once validation accuracy has not improved for this many epochs (0: never; checkpoints
 *                     written before it existed read as 0)
 * @param rotation     data augmentation: training images turn by up to this many degrees either way
 * @param scale        data augmentation: and grow or shrink by up to this fraction
 * @param shear        data augmentation: and slant by up to this slope either way
 * @param elastic      data augmentation: and bend by a smooth random field moving points by up to this many pixels
 * @param thickness    data augmentation: and have their strokes thickened or thinned by up to this fraction of a
 *                     3×3 dilation or erosion
 * @param labelSmoothing the true class's target is 1 − this + this/K, every other class's this/K (K classes)
 * @param flaggedOnes  synthetic digits: this share of the training 1s get a flag at the top, as 1 is written in
 *                     much of Europe (0: none; checkpoints written before it existed read as 0)
 * @param mirror       data augmentation: this share of the training images is flipped left to right, for classes
 *                     that stay what they are in a mirror (garments; not digits or letters; checkpoints written
 *                     before it existed read as 0)
 * @param schedule     how the learning rate falls: {@link #EXPONENTIAL} (× gamma per epoch) or {@link #COSINE}
 *                     (half a cosine over the epochs, to {@link LeNet5#COSINE_FLOOR} of the rate)
 *
 * <p>With rotation, scale, shear, elastic and thickness all 0, shifts are whole pixels (as before these existed:
 * checkpoints written then read these as 0, label smoothing 0, and the exponential schedule); otherwise any
 * fraction of a pixel, up to {@code shift}.
 *
 * <p>This record is the one definition of them. Its builder ({@link HyperParametersBuilder}, generated at compile time)
 * names every value: {@code HyperParameters.defaults().withBatchSize(32)}, or
 * {@code HyperParametersBuilder.builder(defaults()).epochs(2).seed(7).build()}; {@link #defaults()} holds
 * {@code lenet train}'s defaults, which its {@code --help} shows.
 */
@RecordBuilder
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
        int patience,
        double rotation,
        double scale,
        double shear,
        double elastic,
        double thickness,
        double labelSmoothing,
        String schedule,
        double flaggedOnes,
        double mirror)
        implements HyperParametersBuilder.With {
    public static final String EXPONENTIAL = "exponential";
    public static final String COSINE = "cosine";

    public HyperParameters {
        schedule = schedule == null ? EXPONENTIAL : schedule;
    }

    /** {@code lenet train}'s defaults for MNIST: the recipe src/site/markdown/accuracy.md measures. */
    public static HyperParameters defaults() {
        return HyperParametersBuilder.builder()
                .epochs(10)
                .batchSize(128)
                .learningRate(0.004)
                .gamma(0.7)
                .shift(2)
                .seed(42)
                .valSize(0)
                .limit(0)
                .workers(1)
                .patience(0)
                .rotation(10)
                .scale(0.1)
                .shear(0.2)
                .elastic(1.0)
                .thickness(0)
                .labelSmoothing(0.1)
                .schedule(COSINE)
                .flaggedOnes(0.15)
                .mirror(0)
                .build();
    }

    /**
     * A plain run to start a builder from: whole-pixel shifts and nothing more, no flagged 1s, no label smoothing, the
     * exponential schedule, every epoch trained (as checkpoints written before those options existed read). Tests
     * start here.
     */
    public static HyperParametersBuilder plain() {
        return HyperParametersBuilder.builder(defaults())
                .rotation(0)
                .scale(0)
                .shear(0)
                .elastic(0)
                .thickness(0)
                .labelSmoothing(0)
                .schedule(EXPONENTIAL)
                .flaggedOnes(0);
    }

    /** Whether training images are only shifted by whole pixels (no other distortion). */
    public boolean wholePixelShifts() {
        return rotation == 0 && scale == 0 && shear == 0 && elastic == 0 && thickness == 0;
    }
}
