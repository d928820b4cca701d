package lenet.imaging;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.ArrayDeque;
import lenet.model.InputScaling;

/**
 * Turns any picture of one handwritten digit into the 28×28 input the network was trained on, the way MNIST
 * itself was made:
 * <ol>
 *   <li>flatten transparency onto white paper;</li>
 *   <li>convert to grey (luma);</li>
 *   <li>decide polarity from the border: dark ink on light paper is inverted to MNIST's light ink on black;</li>
 *   <li>remove the background level (the border's median) and stretch the ink to the full 0..255 range;</li>
 *   <li>crop to the ink's bounding box, ignoring specks much smaller than the digit's strokes;</li>
 *   <li>scale to fit 20×20 keeping the aspect ratio (area averaging, so large photos do not alias);</li>
 *   <li>place in 28×28 with the centre of mass at the centre;</li>
 *   <li>scale to [0,1] with {@link InputScaling}, exactly as in training.</li>
 * </ol>
 * An image with no ink (blank, uniform, or contrast too low to tell ink from paper) is reported as such.
 */
public final class DigitPreprocessor {
    /** Side of the box MNIST fits each digit into. */
    static final int BOX = 20;
    /** Grey levels (of 255) the ink must stand out from the paper by; less is "no ink". */
    static final double MIN_CONTRAST = 40;
    /** Residual paper shading below this fraction of the ink's peak is taken for background. */
    static final double NOISE_FLOOR = 0.2;
    /** Pixels at or above this fraction of the ink's peak count as ink for cropping. */
    static final double INK_FRACTION = 0.3;
    /** Connected ink blobs smaller than this fraction of the largest are specks, not strokes. */
    static final double SPECK_FRACTION = 0.05;
    /** Larger images are reduced to about this many pixels on their longer side before the digit is found. */
    static final int MAX_WORKING_SIDE = 1024;

    private DigitPreprocessor() {}

    /**
     * The 28×28 image the network sees, as 8-bit grey values in MNIST polarity (ink 255, background 0), and
     * the network input derived from them.
     */
    public record Digit(int[] grey) {
        public float[] input() {
            float[] input = new float[grey.length];
            for (int i = 0; i < grey.length; i++) {
                input[i] = InputScaling.scale(grey[i]);
            }
            return input;
        }

        /** The digit as an 8-bit grey image, for {@code --save-preprocessed}. */
        public BufferedImage toImage() {
            BufferedImage image =
                    new BufferedImage(InputScaling.WIDTH, InputScaling.HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setPixels(0, 0, InputScaling.WIDTH, InputScaling.HEIGHT, grey);
            return image;
        }
    }

    public static Digit preprocess(BufferedImage image) throws UnusableImageException {
        return new Digit(fromGrey(greyOnWhite(image)));
    }

    /** Every step after {@link #greyOnWhite}: polarity to the 8-bit 28×28 result. Works on {@code grey} in place. */
    static int[] fromGrey(double[][] grey) throws UnusableImageException {
        if (hasLightBackground(grey)) {
            invert(grey);
        }
        double[][] ink = removeBackground(grey);
        int[] box = inkBox(ink);
        double[][] cropped = crop(ink, box);
        double[][] fitted = fit(cropped, BOX);
        double[][] placed = centreByMass(fitted, InputScaling.HEIGHT, InputScaling.WIDTH);
        return quantise(placed);
    }

    /**
     * Flattens transparency onto white paper and converts to grey (ITU-R BT.601 luma, 0..255, indexed [y][x]) in
     * one pass. Images whose longer side exceeds {@link #MAX_WORKING_SIDE} are reduced on the way by averaging
     * whole blocks of pixels, which keeps memory small for large photos without losing thin strokes.
     */
    static double[][] greyOnWhite(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int f = Math.max(1, (Math.max(w, h) + MAX_WORKING_SIDE - 1) / MAX_WORKING_SIDE);
        int ow = (w + f - 1) / f;
        int oh = (h + f - 1) / f;
        double[][] grey = new double[oh][ow];
        int[][] count = new int[oh][ow];
        PixelRow pixels = pixelRow(image);
        double[] row = new double[w];
        for (int y = 0; y < h; y++) {
            pixels.read(y, row);
            for (int x = 0; x < w; x++) {
                grey[y / f][x / f] += row[x];
                count[y / f][x / f]++;
            }
        }
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                grey[y][x] /= count[y][x];
            }
        }
        return grey;
    }

    /** Reads one row of an image as grey on white, 0..255. */
    private interface PixelRow {
        void read(int y, double[] out);
    }

    /**
     * Grey images (8 or 16 bit, with or without alpha) are read from their samples: ImageIO gives them a linear grey
     * colour space, and converting that to sRGB would brighten every mid-tone, while the files store the grey a
     * person sees. Everything else (RGB, RGBA, palette) goes through sRGB and BT.601 luma.
     */
    private static PixelRow pixelRow(BufferedImage image) {
        ColorModel model = image.getColorModel();
        int w = image.getWidth();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            Raster raster = image.getRaster();
            double maxGrey = (1L << model.getComponentSize(0)) - 1;
            boolean alpha = model.hasAlpha() && raster.getNumBands() > 1;
            double maxAlpha = alpha ? (1L << model.getComponentSize(1)) - 1 : 1;
            boolean premultiplied = model.isAlphaPremultiplied();
            int[] g = new int[w];
            int[] a = new int[w];
            return (y, out) -> {
                raster.getSamples(0, y, w, 1, 0, g);
                if (alpha) {
                    raster.getSamples(0, y, w, 1, 1, a);
                }
                for (int x = 0; x < w; x++) {
                    double opacity = alpha ? a[x] / maxAlpha : 1;
                    double value = g[x] / maxGrey * 255;
                    if (premultiplied && opacity > 0) {
                        value /= opacity;
                    }
                    out[x] = opacity * value + (1 - opacity) * 255;
                }
            };
        }
        int[] argb = new int[w];
        return (y, out) -> {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                double opacity = ((p >>> 24) & 0xff) / 255.0;
                double luma = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                out[x] = opacity * luma + (1 - opacity) * 255;
            }
        };
    }

    /** The pixels of the outermost frame (a twentieth of the shorter side, at least one pixel). */
    static double[] border(double[][] grey) {
        int h = grey.length;
        int w = grey[0].length;
        int t = Math.max(1, Math.min(h, w) / 20);
        java.util.List<Double> values = new java.util.ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y < t || y >= h - t || x < t || x >= w - t) {
                    values.add(grey[y][x]);
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Paper is light when the border is, on average, lighter than mid-grey. */
    static boolean hasLightBackground(double[][] grey) {
        return java.util.Arrays.stream(border(grey)).average().orElse(0) > 127.5;
    }

    static void invert(double[][] grey) {
        for (double[] row : grey) {
            for (int x = 0; x < row.length; x++) {
                row[x] = 255 - row[x];
            }
        }
    }

    /**
     * Subtracts the paper level (the border's median), stretches what is left so the ink's peak is 255, and lowers
     * everything by {@link #NOISE_FLOOR} of the peak (rescaled so the peak stays 255): shading and texture of the
     * paper go to black, as MNIST's background is, while the soft edges of strokes keep their gradient.
     *
     * @throws UnusableImageException when nothing stands out from the paper by {@link #MIN_CONTRAST} grey levels
     */
    static double[][] removeBackground(double[][] grey) throws UnusableImageException {
        return removeBackground(grey, NOISE_FLOOR);
    }

    static double[][] removeBackground(double[][] grey, double noiseFloor) throws UnusableImageException {
        double[] border = border(grey);
        java.util.Arrays.sort(border);
        double paper = border[border.length / 2];
        double peak = 0;
        for (double[] row : grey) {
            for (double v : row) {
                peak = Math.max(peak, v - paper);
            }
        }
        if (peak < MIN_CONTRAST) {
            throw new UnusableImageException(
                    peak <= 0.5
                            ? "no ink found (the image is blank or uniform)"
                            : "no ink found (nothing stands out from the background)");
        }
        double[][] ink = new double[grey.length][grey[0].length];
        for (int y = 0; y < grey.length; y++) {
            for (int x = 0; x < grey[0].length; x++) {
                double level = Math.max(0, grey[y][x] - paper) / peak;
                ink[y][x] = Math.max(0, level - noiseFloor) / (1 - noiseFloor) * 255;
            }
        }
        return ink;
    }

    /**
     * Bounding box {@code [x0, y0, x1, y1)} of the ink: pixels at {@link #INK_FRACTION} of the peak or more, in
     * 8-connected blobs of at least {@link #SPECK_FRACTION} of the largest blob's size.
     */
    static int[] inkBox(double[][] ink) {
        int h = ink.length;
        int w = ink[0].length;
        double threshold = 255 * INK_FRACTION;
        int[] label = new int[h * w];
        java.util.List<int[]> blobs = new java.util.ArrayList<>(); // {size, x0, y0, x1, y1}
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < h * w; start++) {
            if (label[start] != 0 || ink[start / w][start % w] < threshold) {
                continue;
            }
            int id = blobs.size() + 1;
            int[] blob = {0, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
            label[start] = id;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                int px = p % w;
                int py = p / w;
                blob[0]++;
                blob[1] = Math.min(blob[1], px);
                blob[2] = Math.min(blob[2], py);
                blob[3] = Math.max(blob[3], px + 1);
                blob[4] = Math.max(blob[4], py + 1);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        int ny = py + dy;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                            int q = ny * w + nx;
                            if (label[q] == 0 && ink[ny][nx] >= threshold) {
                                label[q] = id;
                                queue.add(q);
                            }
                        }
                    }
                }
            }
            blobs.add(blob);
        }
        int largest = blobs.stream().mapToInt(b -> b[0]).max().orElse(0);
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int[] blob : blobs) {
            if (blob[0] >= SPECK_FRACTION * largest) {
                box[0] = Math.min(box[0], blob[1]);
                box[1] = Math.min(box[1], blob[2]);
                box[2] = Math.max(box[2], blob[3]);
                box[3] = Math.max(box[3], blob[4]);
            }
        }
        return box;
    }

    static double[][] crop(double[][] ink, int[] box) {
        double[][] out = new double[box[3] - box[1]][box[2] - box[0]];
        for (int y = box[1]; y < box[3]; y++) {
            System.arraycopy(ink[y], box[0], out[y - box[1]], 0, box[2] - box[0]);
        }
        return out;
    }

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

    /**
     * Places {@code image} in a {@code height×width} black field so that its centre of mass falls on the field's
     * centre (shifted by whole pixels, as MNIST was); ink pushed past the edge is cut off.
     */
    static double[][] centreByMass(double[][] image, int height, int width) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < image.length; y++) {
            for (int x = 0; x < image[0].length; x++) {
                mass += image[y][x];
                mx += image[y][x] * (x + 0.5);
                my += image[y][x] * (y + 0.5);
            }
        }
        int left = (int) Math.round(width / 2.0 - mx / mass);
        int top = (int) Math.round(height / 2.0 - my / mass);
        double[][] out = new double[height][width];
        for (int y = 0; y < image.length; y++) {
            for (int x = 0; x < image[0].length; x++) {
                int ty = y + top;
                int tx = x + left;
                if (ty >= 0 && tx >= 0 && ty < height && tx < width) {
                    out[ty][tx] = image[y][x];
                }
            }
        }
        return out;
    }

    /** Rounds to 8-bit grey values, row by row, as MNIST stores them. */
    static int[] quantise(double[][] image) {
        int w = image[0].length;
        int[] grey = new int[image.length * w];
        for (int y = 0; y < image.length; y++) {
            for (int x = 0; x < w; x++) {
                grey[y * w + x] = (int) Math.max(0, Math.min(255, Math.round(image[y][x])));
            }
        }
        return grey;
    }
}
