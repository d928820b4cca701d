package lenet.data;

import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/** A seeded change to every training batch, which a resumed run can wind forward to where an earlier run stood. */
public interface Augmentation extends DataSetPreProcessor {
    /** Draws the random values of {@code images} images without changing any, as if they had been processed. */
    void skip(long images);

    /** {@code first}, then {@code then}, on every batch; skipping skips both. */
    static Augmentation chain(Augmentation first, Augmentation then) {
        return new Augmentation() {
            @Override
            public void preProcess(org.nd4j.linalg.dataset.api.DataSet batch) {
                first.preProcess(batch);
                then.preProcess(batch);
            }

            @Override
            public void skip(long images) {
                first.skip(images);
                then.skip(images);
            }
        };
    }
}
