package lenet.data;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import lenet.core.Threads;
import lenet.model.InputScaling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;

/**
 * Data augmentation beyond whole-pixel shifts: every training image is rotated, scaled, sheared and moved by random
 * amounts, bent by a smooth random displacement field (an elastic distortion in the manner of Simard et al. 2003,
 * drawn on a coarse grid), and its strokes thickened or thinned, then resampled bilinearly. Amounts are drawn from a
 * seeded source, the same number of values for every image, so that {@link #skip} brings a new instance to where an
 * earlier one stood. The batch gets new feature arrays; the in-memory training set is left untouched.
 */
public final class Distortion implements Augmentation {
    /** Control points per side of the elastic displacement grid. */
    static final int GRID = 4;

    /** Random values drawn per image: rotation, scale, shear, two moves, thickness and the two grids. */
    static final int DRAWS = 6 + 2 * GRID * GRID;

    private static final int W = InputScaling.WIDTH;
    private static final int H = InputScaling.HEIGHT;

    /**
     * The largest amount of each change; each image gets a uniform random amount between minus and plus it.
     *
     * @param shift     move, in pixels, in each direction
     * @param rotation  rotation, in degrees
     * @param scale     relative change of size (0.1: 90% to 110%)
     * @param shear     horizontal shear, as a slope (0.2: 0.2 px across per px down)
     * @param elastic   displacement, in pixels, of the elastic grid's control points
     * @param thickness blend toward a 3×3 dilation (thicker) or erosion (thinner), 0 to 1
     */
    public record Spec(double shift, double rotation, double scale, double shear, double elastic, double thickness) {}

    private final Spec spec;
    private final Random random;

    public Distortion(Spec spec, long seed) {
        this.spec = spec;
        this.random = new Random(seed);
    }

    @Override
    public void preProcess(DataSet batch) {
        INDArray features = batch.getFeatures();
        int n = (int) features.size(0);
        float[] in = BatchValues.read(features);
        float[] out = new float[in.length];
        double[] draws = new double[n * DRAWS];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = 2 * random.nextDouble() - 1;
        }
        // the draws were taken in order; each image's distortion depends on its own draws alone, so the images can be
        // shared out: training's threads are idle while a batch is prepared
        int half = Threads.nd4j() > 1 ? n / 2 : n;
        ForkJoinTask<?> rest = half < n ? ForkJoinPool.commonPool().submit(() -> apply(draws, in, out, half, n)) : null;
        apply(draws, in, out, 0, half);
        if (rest != null) {
            rest.join();
        }
        batch.setFeatures(BatchValues.images(out, n));
    }

    /** Distorts images {@code from} to {@code to} of {@code in} into {@code out}, each by its {@link #DRAWS} draws. */
    private void apply(double[] draws, float[] in, float[] out, int from, int to) {
        double[] r = new double[DRAWS];
        Work work = new Work();
        for (int i = from; i < to; i++) {
            System.arraycopy(draws, i * DRAWS, r, 0, DRAWS);
            apply(spec, r, in, out, i * InputScaling.PIXELS, work);
        }
    }

    @Override
    public void skip(long images) {
        for (long i = 0; i < images * DRAWS; i++) {
            random.nextDouble();
        }
    }

    /** Scratch arrays for one image. */
    static final class Work {
        final float[] image = new float[InputScaling.PIXELS];
        final float[] pass = new float[InputScaling.PIXELS];
        final double[] dx = new double[InputScaling.PIXELS];
        final double[] dy = new double[InputScaling.PIXELS];
    }

    /** Distorts the image at {@code offset} of {@code in} into {@code out} by the amounts {@code r} (each in [-1, 1]). */
    static void apply(Spec spec, double[] r, float[] in, float[] out, int offset, Work work) {
        if (spec.elastic > 0) {
            displacements(r, 6, spec.elastic, work.dx);
            displacements(r, 6 + GRID * GRID, spec.elastic, work.dy);
        } else {
            java.util.Arrays.fill(work.dx, 0);
            java.util.Arrays.fill(work.dy, 0);
        }
        warp(
                in,
                offset,
                work.image,
                spec.rotation * r[0],
                1 + spec.scale * r[1],
                spec.shear * r[2],
                spec.shift * r[3],
                spec.shift * r[4],
                work.dx,
                work.dy);
        stroke(work.image, spec.thickness * r[5], work.pass);
        System.arraycopy(work.image, 0, out, offset, InputScaling.PIXELS);
    }

    /**
     * The image moved by the forward map p' = S·R·Sh·(p − c) + c + t + d(p'), c the image centre, sampled through
     * its inverse with bilinear interpolation; outside the image is background (0).
     */
    static void warp(
            float[] in,
            int offset,
            float[] out,
            double degrees,
            double scale,
            double shear,
            double tx,
            double ty,
            double[] dx,
            double[] dy) {
        double angle = Math.toRadians(degrees);
        double cos = Math.cos(angle), sin = Math.sin(angle);
        double a = scale * cos, b = scale * (cos * shear - sin), c = scale * sin, d = scale * (sin * shear + cos);
        double det = a * d - b * c;
        double ia = d / det, ib = -b / det, ic = -c / det, id = a / det;
        double cx = (W - 1) / 2.0, cy = (H - 1) / 2.0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = y * W + x;
                double px = x - cx - tx - dx[p], py = y - cy - ty - dy[p];
                out[p] = sample(in, offset, ia * px + ib * py + cx, ic * px + id * py + cy);
            }
        }
    }

    /** For each column (row): the grid cell it lies in and how far across it, the same for every image. */
    private static final int[] CELL_X = new int[W];

    private static final double[] ACROSS_X = new double[W];
    private static final int[] CELL_Y = new int[H];
    private static final double[] ACROSS_Y = new double[H];

    static {
        for (int x = 0; x < W; x++) {
            double g = x * (GRID - 1) / (double) (W - 1);
            CELL_X[x] = Math.min(GRID - 2, (int) g);
            ACROSS_X[x] = g - CELL_X[x];
        }
        for (int y = 0; y < H; y++) {
            double g = y * (GRID - 1) / (double) (H - 1);
            CELL_Y[y] = Math.min(GRID - 2, (int) g);
            ACROSS_Y[y] = g - CELL_Y[y];
        }
    }

    /** The grid's values from {@code r[base]}, times {@code amount}, interpolated bilinearly over the image. */
    static void displacements(double[] r, int base, double amount, double[] field) {
        for (int y = 0; y < H; y++) {
            int y0 = CELL_Y[y];
            double fy = ACROSS_Y[y];
            for (int x = 0; x < W; x++) {
                int x0 = CELL_X[x];
                double fx = ACROSS_X[x];
                int g = base + y0 * GRID + x0;
                double top = r[g] * (1 - fx) + r[g + 1] * fx;
                double bottom = r[g + GRID] * (1 - fx) + r[g + GRID + 1] * fx;
                field[y * W + x] = amount * (top * (1 - fy) + bottom * fy);
            }
        }
    }

    /**
     * Thicker strokes for {@code t > 0}, thinner for {@code t < 0}: each pixel moves the fraction |t| of the way to
     * the largest (smallest) value of its 3×3 neighbourhood.
     */
    static void stroke(float[] image, double t, float[] pass) {
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

    private static float sample(float[] in, int offset, double sx, double sy) {
        int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
        double fx = sx - x0, fy = sy - y0;
        return (float) ((1 - fy) * ((1 - fx) * at(in, offset, x0, y0) + fx * at(in, offset, x0 + 1, y0))
                + fy * ((1 - fx) * at(in, offset, x0, y0 + 1) + fx * at(in, offset, x0 + 1, y0 + 1)));
    }

    private static float at(float[] in, int offset, int x, int y) {
        return x < 0 || y < 0 || x >= W || y >= H ? 0f : in[offset + y * W + x];
    }
}
