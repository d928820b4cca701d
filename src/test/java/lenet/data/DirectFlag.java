package lenet.data;

/**
 * The oracle for {@link FlaggedOnes#addFlag}: its first, direct version, kept as it was (the flag's ink measured at
 * every pixel of the image, not only near the flag). {@link FlaggedOnes} must give the same bits.
 */
final class DirectFlag {
    private static final int W = 28;
    private static final int H = 28;

    private DirectFlag() {}

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
        // the flag falls to the left at FlaggedOnes.FLAG_LEAST to FlaggedOnes.FLAG_MOST from straight down, and at
        // least FlaggedOnes.TURN_LEAST away from
        // the stem: a forward-slanted stem leaves less room, and a flag nearer the horizontal than that is a 7's bar
        double lean = Math.toDegrees(Math.atan2(-dx, dy));
        double least = Math.max(FlaggedOnes.FLAG_LEAST, lean + FlaggedOnes.TURN_LEAST);
        if (least > FlaggedOnes.FLAG_MOST) {
            return false;
        }
        double fall = Math.toRadians(least + (FlaggedOnes.FLAG_MOST - least) * angle);
        double fx = -Math.sin(fall), fy = Math.cos(fall);
        double stroke = Math.max(1.2, Math.min(5, mass / peak / stem)) * width;
        // from just inside the stem's top end
        double x0 = mx + (top + stroke / 2) * dx, y0 = my + (top + stroke / 2) * dy;
        double x1 = x0 + length * stem * fx, y1 = y0 + length * stem * fy;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
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
