package lenet.data;

import java.util.concurrent.ConcurrentLinkedQueue;
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
    private final SeededDraws random;
    /**
     * Arrays of batches finished, kept for later ones: training has two batches in progress at most (one finishing,
     * the next begun), so two sets go round.
     */
    private final ConcurrentLinkedQueue<Buffers> spare = new ConcurrentLinkedQueue<>();

    /** A batch's images as read and as distorted, and its draws. */
    private record Buffers(float[] read, float[] out, double[] draws) {
        Buffers(int n) {
            this(new float[n * InputScaling.PIXELS], new float[n * InputScaling.PIXELS], new double[n * DRAWS]);
        }
    }

    public Distortion(Spec spec, long seed) {
        this.spec = spec;
        this.random = new SeededDraws(seed);
    }

    @Override
    public void preProcess(DataSet batch) {
        begin(batch).finish();
    }

    /**
     * Reads the batch's images and draws every image's values, in order; each image's distortion then depends on its
     * own draws alone, so the images can be distorted in any order, by any thread, a piece at a time.
     */
    @Override
    public Pending begin(DataSet batch) {
        INDArray features = batch.getFeatures();
        int n = (int) features.size(0);
        Buffers buffers = spare.poll();
        if (buffers == null || buffers.out.length != n * InputScaling.PIXELS) {
            buffers = new Buffers(n);
        }
        float[] in;
        if (BatchValues.plain(features)) {
            BatchValues.readRows(features, InputScaling.PIXELS, 0, n, buffers.read, 0);
            in = buffers.read;
        } else {
            in = BatchValues.read(features);
        }
        double[] draws = buffers.draws;
        for (int i = 0; i < n * DRAWS; i++) {
            draws[i] = 2 * random.nextDouble() - 1;
        }
        return new Images(batch, in, buffers, n);
    }

    /** A batch's images left to distort. */
    private final class Images extends ImagePieces {
        private final DataSet batch;
        private final float[] in;
        private final Buffers buffers;
        private final int n;

        Images(DataSet batch, float[] in, Buffers buffers, int n) {
            super(n, true); // the images left are shared with a second thread: training's threads are idle meanwhile
            this.batch = batch;
            this.in = in;
            this.buffers = buffers;
            this.n = n;
        }

        @Override
        void image(int i) {
            Work work = WORK.get();
            System.arraycopy(buffers.draws, i * DRAWS, work.r, 0, DRAWS);
            apply(spec, work.r, in, buffers.out, i * InputScaling.PIXELS, work);
        }

        @Override
        void complete() {
            batch.setFeatures(BatchValues.images(buffers.out, n));
            spare.add(buffers);
        }
    }

    @Override
    public void skip(long images) {
        for (long i = 0; i < images * DRAWS; i++) {
            random.nextDouble();
        }
    }

    /** Each thread's scratch arrays. */
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    /** Scratch arrays for one image. */
    static final class Work {
        final float[] image = new float[InputScaling.PIXELS];
        final float[] pass = new float[InputScaling.PIXELS];
        final double[] dx = new double[InputScaling.PIXELS];
        final double[] dy = new double[InputScaling.PIXELS];
        final double[] rows = new double[GRID * W];
        /** One image's draws. */
        final double[] r = new double[DRAWS];
    }

    /** Distorts the image at {@code offset} of {@code in} into {@code out} by the amounts {@code r} (each in [-1, 1]). */
    static void apply(Spec spec, double[] r, float[] in, float[] out, int offset, Work work) {
        if (spec.elastic > 0) {
            displacements(r, 6, spec.elastic, work.dx, work.rows);
            displacements(r, 6 + GRID * GRID, spec.elastic, work.dy, work.rows);
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
        Strokes.thickenOrThin(work.image, spec.thickness * r[5], work.pass);
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
        // the box holding every pixel but +0 (the background): a point whose four neighbours lie outside it is 0
        int left = W, right = -1, top = H, bottom = -1;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (Float.floatToRawIntBits(in[offset + y * W + x]) != 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = y;
                }
            }
        }
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = y * W + x;
                double px = x - cx - tx - dx[p], py = y - cy - ty - dy[p];
                double sx = ia * px + ib * py + cx, sy = ic * px + id * py + cy;
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                out[p] = x0 + 1 < left || x0 > right || y0 + 1 < top || y0 > bottom
                        ? 0f
                        : sample(in, offset, sx - x0, sy - y0, x0, y0);
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

    /**
     * The grid's values from {@code r[base]}, times {@code amount}, interpolated bilinearly over the image: first along
     * each row of the grid, once per column of the image, then between two such rows for each pixel ({@code rows}
     * holds the first step's values, GRID × W).
     */
    static void displacements(double[] r, int base, double amount, double[] field, double[] rows) {
        for (int j = 0; j < GRID; j++) {
            for (int x = 0; x < W; x++) {
                int g = base + j * GRID + CELL_X[x];
                double fx = ACROSS_X[x];
                rows[j * W + x] = r[g] * (1 - fx) + r[g + 1] * fx;
            }
        }
        for (int y = 0; y < H; y++) {
            int top = CELL_Y[y] * W, bottom = top + W;
            double fy = ACROSS_Y[y];
            for (int x = 0; x < W; x++) {
                field[y * W + x] = amount * (rows[top + x] * (1 - fy) + rows[bottom + x] * fy);
            }
        }
    }

    /** Bilinear interpolation at (x0 + fx, y0 + fy), 0 ≤ fx, fy < 1; outside the image is background (0). */
    private static float sample(float[] in, int offset, double fx, double fy, int x0, int y0) {
        if (x0 >= 0 && y0 >= 0 && x0 < W - 1 && y0 < H - 1) { // all four inside: no bounds to check
            int p = offset + y0 * W + x0;
            return (float)
                    ((1 - fy) * ((1 - fx) * in[p] + fx * in[p + 1]) + fy * ((1 - fx) * in[p + W] + fx * in[p + W + 1]));
        }
        return (float) ((1 - fy) * ((1 - fx) * at(in, offset, x0, y0) + fx * at(in, offset, x0 + 1, y0))
                + fy * ((1 - fx) * at(in, offset, x0, y0 + 1) + fx * at(in, offset, x0 + 1, y0 + 1)));
    }

    private static float at(float[] in, int offset, int x, int y) {
        return x < 0 || y < 0 || x >= W || y >= H ? 0f : in[offset + y * W + x];
    }
}
