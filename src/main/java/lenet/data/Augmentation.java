package lenet.data;

import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * A seeded change to every training batch, which a resumed run can wind forward to where an earlier run stood.
 *
 * <p>A batch can be changed at once ({@link #preProcess}) or in two parts ({@link #begin}): first every random value
 * it needs is drawn, in the order {@code preProcess} draws them, then its images are changed, one piece of work at a
 * time, by whichever thread has time (training's calling thread while it waits for the other half of a step), and
 * finished before the batch is used. Either way gives the batch the same values.
 */
public interface Augmentation extends DataSetPreProcessor {
    /** Draws the random values of {@code images} images without changing any, as if they had been processed. */
    void skip(long images);

    /**
     * Draws {@code batch}'s random values now and leaves the work on its images to the returned {@link Pending},
     * which must be finished before anything reads the batch's images. Later batches may be begun meanwhile: their
     * values are drawn after this one's. This one does all the work now.
     */
    default Pending begin(DataSet batch) {
        preProcess(batch);
        return Pending.NONE;
    }

    /** The work left on a batch whose random values are drawn. */
    interface Pending {
        /** Nothing left. */
        Pending NONE = new Pending() {
            @Override
            public boolean step() {
                return false;
            }

            @Override
            public void finish() {}
        };

        /** Does one piece of the work (an image), if any is left; false when none was. Any thread. */
        boolean step();

        /**
         * Does the work left, with the augmentation's other threads if it has any, and waits for pieces other threads
         * are doing; the batch's images are then set. The thread that began the batch.
         */
        void finish();
    }

    /** {@code first}, then {@code then}, on every batch; skipping skips both. */
    static Augmentation chain(Augmentation first, Augmentation then) {
        return new Augmentation() {
            @Override
            public void preProcess(DataSet batch) {
                first.preProcess(batch);
                then.preProcess(batch);
            }

            @Override
            public Pending begin(DataSet batch) {
                first.begin(batch).finish(); // then reads first's images
                return then.begin(batch);
            }

            @Override
            public void skip(long images) {
                first.skip(images);
                then.skip(images);
            }
        };
    }
}
