package lenet.data;

import lenet.model.InputScaling;

/** Strokes made thicker or thinner, the last of {@link Distortion}'s changes to an image. */
final class Strokes {
    private static final int W = InputScaling.WIDTH;
    private static final int H = InputScaling.HEIGHT;

    private Strokes() {}

    /**
     * Thicker strokes for {@code t > 0}, thinner for {@code t < 0}: each pixel moves the fraction |t| of the way to
     * the largest (smallest) value of its 3×3 neighbourhood.
     */
    static void thickenOrThin(float[] image, double t, float[] pass) {
        if (t == 0) {
            return;
        }
        boolean thicker = t > 0;
        float blend = (float) Math.abs(t);
        // separable: along rows into pass, then along columns back
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = y * W + x;
                float m = image[p];
                if (x > 0) m = thicker ? Math.max(m, image[p - 1]) : Math.min(m, image[p - 1]);
                if (x < W - 1) m = thicker ? Math.max(m, image[p + 1]) : Math.min(m, image[p + 1]);
                pass[p] = m;
            }
        }
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = y * W + x;
                float m = pass[p];
                if (y > 0) m = thicker ? Math.max(m, pass[p - W]) : Math.min(m, pass[p - W]);
                if (y < H - 1) m = thicker ? Math.max(m, pass[p + W]) : Math.min(m, pass[p + W]);
                image[p] += blend * (m - image[p]);
            }
        }
    }
}
