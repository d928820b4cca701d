package lenet.preprocessing;

/** Resizing by area averaging: each output pixel is the mean of the input it covers, so large photos do not alias. */
final class AreaResize {
    private AreaResize() {}

    /** Scales so the longer side is {@code side}, keeping the aspect ratio (area averaging). */
    static double[][] fit(double[][] image, int side) {
        int h = image.length;
        int w = image[0].length;
        double scale = (double) side / Math.max(w, h);
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        return resizeRows(resizeColumns(image, nw), nh);
    }

    /** Area-averaging resize along x: each output pixel is the mean of the input it covers. */
    static double[][] resizeColumns(double[][] image, int newWidth) {
        int w = image[0].length;
        double[][] out = new double[image.length][newWidth];
        double step = (double) w / newWidth;
        for (int y = 0; y < image.length; y++) {
            for (int nx = 0; nx < newWidth; nx++) {
                out[y][nx] = average(image[y], nx * step, (nx + 1) * step);
            }
        }
        return out;
    }

    static double[][] resizeRows(double[][] image, int newHeight) {
        return transpose(resizeColumns(transpose(image), newHeight));
    }

    /** Mean of {@code values} over the continuous interval [from, to), pixels weighted by their overlap. */
    private static double average(double[] values, double from, double to) {
        double sum = 0;
        for (int i = (int) Math.floor(from); i < Math.min(values.length, Math.ceil(to)); i++) {
            double overlap = Math.min(to, i + 1) - Math.max(from, i);
            if (overlap > 0) {
                sum += values[i] * overlap;
            }
        }
        return sum / (to - from);
    }

    private static double[][] transpose(double[][] image) {
        double[][] out = new double[image[0].length][image.length];
        for (int y = 0; y < image.length; y++) {
            for (int x = 0; x < image[0].length; x++) {
                out[x][y] = image[y][x];
            }
        }
        return out;
    }
}
