package lenet.preprocessing;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
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
        PixelRow pixels = pixelRow(image);
        if (f == 1) {
            for (int y = 0; y < h; y++) {
                pixels.read(y, grey[y]);
            }
            return grey;
        }
        int[][] count = new int[oh][ow];
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
        PixelRow bytes = interleavedSrgbBytes(image);
        if (bytes != null) {
            return bytes;
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

    /**
     * The pictures people send most (PNG's RGB and RGBA, JPEG, the drawing page's pad): 8-bit sRGB samples side by
     * side in one byte array, read straight from it. The same values as {@code getRGB}, which converts each pixel
     * through the colour model, in a fraction of the time; anything else returns null.
     */
    private static PixelRow interleavedSrgbBytes(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (!(model instanceof ComponentColorModel)
                || !model.getColorSpace().isCS_sRGB()
                || model.isAlphaPremultiplied()
                || model.getTransferType() != DataBuffer.TYPE_BYTE
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel layout)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1
                || raster.getNumBands() != (model.hasAlpha() ? 4 : 3)
                || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0) {
            return null;
        }
        for (int band = 0; band < raster.getNumBands(); band++) {
            if (model.getComponentSize(band) != 8) {
                return null;
            }
        }
        byte[] data = buffer.getData();
        int[] offsets = layout.getBandOffsets();
        int base = buffer.getOffset();
        int stride = layout.getPixelStride();
        int scanline = layout.getScanlineStride();
        boolean alpha = model.hasAlpha();
        int w = image.getWidth();
        return (y, out) -> {
            int p = base + y * scanline;
            for (int x = 0; x < w; x++, p += stride) {
                double opacity = alpha ? (data[p + offsets[3]] & 0xff) / 255.0 : 1;
                double luma = 0.299 * (data[p + offsets[0]] & 0xff)
                        + 0.587 * (data[p + offsets[1]] & 0xff)
                        + 0.114 * (data[p + offsets[2]] & 0xff);
                out[x] = opacity * luma + (1 - opacity) * 255;
            }
        };
    }
}
