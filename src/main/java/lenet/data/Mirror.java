package lenet.data;

import lenet.model.InputScaling;
import org.nd4j.linalg.dataset.api.DataSet;

/**
 * Data augmentation for classes that stay what they are in a mirror (garments): flips a random share of the training
 * images left to right. One value is drawn per image, none at fraction 0, so runs without it train as before.
 */
public final class Mirror extends RandomShare {
    /** @param fraction the share of images flipped, 0 (off) to 1 */
    public Mirror(double fraction, long seed) {
        super(fraction, seed, 0x2545F4914F6CDD1DL, 1); // a stream of its own, apart from the shifts' and the flags'
    }

    @Override
    public void preProcess(DataSet batch) {
        if (fraction == 0) {
            return;
        }
        int n = (int) batch.getFeatures().size(0);
        float[] images = null;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < fraction) {
                if (images == null) {
                    images = BatchValues.read(batch.getFeatures());
                }
                flip(images, i * InputScaling.PIXELS);
            }
        }
        if (images != null) {
            batch.setFeatures(BatchValues.images(images, n));
        }
    }

    /** Flips the 28×28 image at {@code offset} left to right in place. */
    static void flip(float[] images, int offset) {
        int w = InputScaling.WIDTH;
        for (int y = 0; y < InputScaling.HEIGHT; y++) {
            int row = offset + y * w;
            for (int x = 0; x < w / 2; x++) {
                float t = images[row + x];
                images[row + x] = images[row + w - 1 - x];
                images[row + w - 1 - x] = t;
            }
        }
    }
}
