package lenet.data;

import java.util.Random;
import lenet.model.InputScaling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;

/**
 * Data augmentation: moves every training image by a random whole number of pixels, up to {@code maxShift} in each
 * direction, filling the uncovered edge with background. Seeded, so the same seed gives the same shifts. The batch
 * gets new feature arrays; the in-memory training set it was cut from is left untouched.
 */
public final class RandomShift implements Augmentation {
    private final int maxShift;
    private final Random random;

    public RandomShift(int maxShift, long seed) {
        if (maxShift < 0 || maxShift >= InputScaling.WIDTH) {
            throw new IllegalArgumentException("shift must be in [0, " + InputScaling.WIDTH + "), was " + maxShift);
        }
        this.maxShift = maxShift;
        this.random = new Random(seed);
    }

    @Override
    public void preProcess(DataSet batch) {
        begin(batch).finish();
    }

    /** Draws every image's move, in order; the images are then moved one at a time. */
    @Override
    public Pending begin(DataSet batch) {
        if (maxShift == 0) {
            return Pending.NONE;
        }
        INDArray features = batch.getFeatures();
        int n = (int) features.size(0);
        int[] moves = new int[2 * n];
        for (int i = 0; i < moves.length; i++) {
            moves[i] = random.nextInt(2 * maxShift + 1) - maxShift;
        }
        float[] in = BatchValues.read(features);
        float[] out = new float[in.length];
        return new ImagePieces(n, false) { // some µs an image: not worth a second thread
            @Override
            void image(int i) {
                shift(in, out, i * InputScaling.PIXELS, moves[2 * i], moves[2 * i + 1]);
            }

            @Override
            void complete() {
                batch.setFeatures(BatchValues.images(out, n));
            }
        };
    }

    /**
     * Draws the shifts of {@code images} images without applying them, so that a resumed run goes on with the
     * shifts an uninterrupted one would have drawn.
     */
    @Override
    public void skip(long images) {
        if (maxShift == 0) {
            return;
        }
        for (long i = 0; i < 2 * images; i++) {
            random.nextInt(2 * maxShift + 1);
        }
    }

    /** Copies one 28×28 image from {@code in} to {@code out} at {@code offset}, moved by (dx, dy). */
    static void shift(float[] in, float[] out, int offset, int dx, int dy) {
        int w = InputScaling.WIDTH;
        int h = InputScaling.HEIGHT;
        // each row's part that stays in the image, moved in one copy; the rest of the row is background
        int from = Math.max(0, -dx), to = Math.min(w, w - dx);
        for (int y = 0; y < h; y++) {
            int sy = y - dy;
            int row = offset + y * w;
            if (sy < 0 || sy >= h || from >= to) {
                java.util.Arrays.fill(out, row, row + w, 0f);
                continue;
            }
            java.util.Arrays.fill(out, row, row + from + dx, 0f);
            System.arraycopy(in, offset + sy * w + from, out, row + from + dx, to - from);
            java.util.Arrays.fill(out, row + to + dx, row + w, 0f);
        }
    }
}
