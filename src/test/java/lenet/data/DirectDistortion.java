package lenet.data;

/**
 * The oracle for {@link Distortion}'s faster code: its first, direct version, kept as it was (every pixel sampled
 * with its bounds checked, the elastic grid interpolated anew for each pixel; the strokes as they are). {@link
 * Distortion} must give the same bits.
 */
final class DirectDistortion {
    private static final int GRID = Distortion.GRID;
    private static final int W = 28;
    private static final int H = 28;
    private static final int PIXELS = W * H;

    private DirectDistortion() {}

    static void apply(Distortion.Spec spec, double[] r, float[] in, float[] out, int offset) {
        double[] dx = new double[PIXELS], dy = new double[PIXELS];
        float[] image = new float[PIXELS], pass = new float[PIXELS];
        if (spec.elastic() > 0) {
            displacements(r, 6, spec.elastic(), dx);
            displacements(r, 6 + GRID * GRID, spec.elastic(), dy);
        }
        warp(
                in,
                offset,
                image,
                spec.rotation() * r[0],
                1 + spec.scale() * r[1],
                spec.shear() * r[2],
                spec.shift() * r[3],
                spec.shift() * r[4],
                dx,
                dy);
        Strokes.thickenOrThin(image, spec.thickness() * r[5], pass); // unchanged: the same code
        System.arraycopy(image, 0, out, offset, PIXELS);
    }

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
