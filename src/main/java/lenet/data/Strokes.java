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
        float blend = (float) Math.abs(t);
        // separable: along rows into pass, then along columns back
        if (t > 0) {
            for (int y = 0; y < H; y++) {
                int p = y * W;
                pass[p] = Math.max(image[p], image[p + 1]);
                for (int x = 1; x < W - 1; x++) {
                    pass[p + x] = Math.max(Math.max(image[p + x], image[p + x - 1]), image[p + x + 1]);
                }
                pass[p + W - 1] = Math.max(image[p + W - 1], image[p + W - 2]);
            }
            for (int p = 0; p < W; p++) {
                image[p] += blend * (Math.max(pass[p], pass[p + W]) - image[p]);
            }
            for (int p = W; p < (H - 1) * W; p++) {
                image[p] += blend * (Math.max(Math.max(pass[p], pass[p - W]), pass[p + W]) - image[p]);
            }
            for (int p = (H - 1) * W; p < H * W; p++) {
                image[p] += blend * (Math.max(pass[p], pass[p - W]) - image[p]);
            }
        } else {
            for (int y = 0; y < H; y++) {
                int p = y * W;
                pass[p] = Math.min(image[p], image[p + 1]);
                for (int x = 1; x < W - 1; x++) {
                    pass[p + x] = Math.min(Math.min(image[p + x], image[p + x - 1]), image[p + x + 1]);
                }
                pass[p + W - 1] = Math.min(image[p + W - 1], image[p + W - 2]);
            }
            for (int p = 0; p < W; p++) {
                image[p] += blend * (Math.min(pass[p], pass[p + W]) - image[p]);
            }
            for (int p = W; p < (H - 1) * W; p++) {
                image[p] += blend * (Math.min(Math.min(pass[p], pass[p - W]), pass[p + W]) - image[p]);
            }
            for (int p = (H - 1) * W; p < H * W; p++) {
                image[p] += blend * (Math.min(pass[p], pass[p - W]) - image[p]);
            }
        }
    }
}
