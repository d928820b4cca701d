package lenet.data;

import lenet.model.InputScaling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;

/**
 * Synthetic digits in a style MNIST lacks: a random fraction of the training 1s gets a flag, the short stroke that
 * leaves the top of the stem downward to the left, as 1 is written across much of Europe. MNIST's writers mostly
 * wrote a plain stroke, and a network trained on them alone reads a flagged 1 as 7.
 *
 * <p>The flag starts at the top end of the stem (the ink's principal axis) and falls to the left at 25° to 60° from
 * straight down, at least 20° away from the stem (a 1 slanted too far forward for that gets none); it is 20% to 40%
 * of the stem's length and 80% to 110% of its measured stroke width, drawn anti-aliased at the ink's brightness.
 * Every image draws {@link #DRAWS} values, whatever its label, so that {@link #skip} brings a new instance to where
 * an earlier one stood. The batch gets new feature arrays only when a flag was drawn; the training set in memory is
 * left untouched. Runs before the distortions, which then slant, bend and move the flagged 1 like any other digit.
 */
public final class FlaggedOnes extends RandomShare {
    /** Random values drawn per image: whether, the turn, the length and the width. */
    static final int DRAWS = 4;

    /** The flag falls at least this many degrees from straight down, to the left... */
    static final double FLAG_LEAST = 25;

    /** ...at most this many (90 would be level: a 7's bar)... */
    static final double FLAG_MOST = 60;

    /** ...and at least this many degrees away from the stem. */
    static final double TURN_LEAST = 20;

    private static final int W = InputScaling.WIDTH;
    private static final int H = InputScaling.HEIGHT;

    /** @param fraction the share of the 1s that get a flag, 0 (off: no values drawn) to 1 */
    public FlaggedOnes(double fraction, long seed) {
        super(fraction, seed, 0x9E3779B97F4A7C15L, DRAWS); // a stream of its own: the distortions draw from the seed
    }

    @Override
    public void preProcess(DataSet batch) {
        if (fraction == 0) {
            return;
        }
        INDArray labelArray = batch.getLabels();
        int n = (int) labelArray.size(0);
        int classes = (int) labelArray.size(1);
        float[] labels = BatchValues.read(labelArray);
        INDArray images = null;
        float[] image = new float[InputScaling.PIXELS];
        for (int i = 0; i < n; i++) {
            double whether = random.nextDouble();
            double angle = random.nextDouble();
            double length = 0.20 + 0.20 * random.nextDouble();
            double width = 0.8 + 0.3 * random.nextDouble();
            if (whether < fraction && labels[i * classes + 1] == 1f) {
                if (images == null) {
                    images = BatchValues.copy(batch.getFeatures()); // a few images change: the rest copied as they are
                }
                BatchValues.readRows(images, InputScaling.PIXELS, i, i + 1, image, 0);
                addFlag(image, 0, angle, length, width);
                BatchValues.writeRows(image, 0, InputScaling.PIXELS, i, i + 1, images);
            }
        }
        if (images != null) {
            batch.setFeatures(images);
        }
    }

    /**
     * Draws a flag on the 1 at {@code offset} of {@code images}: at the fraction {@code angle} (0 to 1) of the range
     * of angles it may fall at, {@code length} times the stem's length, {@code width} times its stroke width. Returns
     * false, drawing nothing, when the image holds too little ink, or too short a stroke, to find a stem in, or when
     * the stem leans too far forward to leave room for a flag.
     */
    static boolean addFlag(float[] images, int offset, double angle, double length, double width) {
        double mass = 0, mx = 0, my = 0, peak = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = images[offset + y * W + x];
                mass += v;
                mx += v * x;
                my += v * y;
                peak = Math.max(peak, v);
            }
        }
        if (mass < 5) {
            return false;
        }
        mx /= mass;
        my /= mass;
        double sxx = 0, sxy = 0, syy = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = images[offset + y * W + x];
                sxx += v * (x - mx) * (x - mx);
                sxy += v * (x - mx) * (y - my);
                syy += v * (y - my) * (y - my);
            }
        }
        // the principal axis, pointing down the image
        double axis = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        double dx = Math.cos(axis), dy = Math.sin(axis);
        if (dy < 0) {
            dx = -dx;
            dy = -dy;
        }
        double top = Double.POSITIVE_INFINITY, bottom = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (images[offset + y * W + x] > 0.5 * peak) {
                    double t = (x - mx) * dx + (y - my) * dy;
                    top = Math.min(top, t);
                    bottom = Math.max(bottom, t);
                }
            }
        }
        double stem = bottom - top;
        if (!(stem >= 8)) {
            return false;
        }
        // the flag falls to the left at FLAG_LEAST to FLAG_MOST from straight down, and at least TURN_LEAST away from
        // the stem: a forward-slanted stem leaves less room, and a flag nearer the horizontal than that is a 7's bar
        double lean = Math.toDegrees(Math.atan2(-dx, dy));
        double least = Math.max(FLAG_LEAST, lean + TURN_LEAST);
        if (least > FLAG_MOST) {
            return false;
        }
        double fall = Math.toRadians(least + (FLAG_MOST - least) * angle);
        double fx = -Math.sin(fall), fy = Math.cos(fall);
        double stroke = Math.max(1.2, Math.min(5, mass / peak / stem)) * width;
        // from just inside the stem's top end
        double x0 = mx + (top + stroke / 2) * dx, y0 = my + (top + stroke / 2) * dy;
        double x1 = x0 + length * stem * fx, y1 = y0 + length * stem * fy;
        // ink reaches stroke / 2 + 0.5 from the segment; beyond that it is 0, and the image (never below 0) stays
        double reach = stroke / 2 + 0.5;
        int left = Math.max(0, (int) Math.floor(Math.min(x0, x1) - reach));
        int right = Math.min(W - 1, (int) Math.ceil(Math.max(x0, x1) + reach));
        int up = Math.max(0, (int) Math.floor(Math.min(y0, y1) - reach));
        int down = Math.min(H - 1, (int) Math.ceil(Math.max(y0, y1) + reach));
        for (int y = up; y <= down; y++) {
            for (int x = left; x <= right; x++) {
                double ink = peak * Math.max(0, Math.min(1, stroke / 2 + 0.5 - distance(x, y, x0, y0, x1, y1)));
                int p = offset + y * W + x;
                images[p] = (float) Math.max(images[p], ink);
            }
        }
        return true;
    }

    /** The distance from (x, y) to the segment from (x0, y0) to (x1, y1). */
    private static double distance(double x, double y, double x0, double y0, double x1, double y1) {
        double ux = x1 - x0, uy = y1 - y0;
        double t = Math.max(0, Math.min(1, ((x - x0) * ux + (y - y0) * uy) / (ux * ux + uy * uy)));
        return Math.hypot(x - x0 - t * ux, y - y0 - t * uy);
    }
}
