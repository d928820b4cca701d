package lenet.preprocessing;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/** The first step of preprocessing: any picture as grey levels on white paper. */
final class GreyImage {
    /** Larger images are reduced to about this many pixels on their longer side before the digit is found. */
    static final int MAX_WORKING_SIDE = 1024;

    private GreyImage() {}

    /**
     * Flattens transparency onto white paper and converts to grey (ITU-R BT.601 luma, 0..255, indexed [y][x]) in
     * one pass. Images whose longer side exceeds {@link #MAX_WORKING_SIDE} are reduced on the way by averaging
     * whole blocks of pixels, which keeps memory small for large photos without losing thin strokes.
     */
    static double[][] read(BufferedImage image) {
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
}
