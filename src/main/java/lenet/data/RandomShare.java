package lenet.data;

import java.util.Random;

/**
 * An augmentation that changes a random share of the training images ({@link FlaggedOnes}, {@link Mirror}): the share,
 * a random stream of its own, and a fixed number of values drawn per image, whatever it becomes, so that
 * {@link #skip} brings a new instance to where an earlier one stood. At share 0 nothing is drawn: runs without it train
 * as before it existed.
 */
abstract class RandomShare implements Augmentation {
    protected final double fraction;
    protected final Random random;
    private final int draws;

    /**
     * @param fraction the share of images changed, 0 (off: no values drawn) to 1
     * @param stream   added to the seed, so that each augmentation's stream is apart from the others'
     * @param draws    values drawn per image
     */
    RandomShare(double fraction, long seed, long stream, int draws) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], was " + fraction);
        }
        this.fraction = fraction;
        this.random = new Random(seed + stream);
        this.draws = draws;
    }

    @Override
    public void skip(long images) {
        if (fraction == 0) {
            return;
        }
        for (long i = 0; i < images * draws; i++) {
            random.nextDouble();
        }
    }
}
