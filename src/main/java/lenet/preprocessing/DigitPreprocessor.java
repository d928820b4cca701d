package lenet.preprocessing;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import lenet.model.Classes.Framing;
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
 * Other datasets framed their images otherwise ({@link Framing}): EMNIST's characters fit 24×24 centred by their box,
 * Fashion-MNIST's garments and KMNIST's characters fill 28×28. A 28×28 image already light on a dark background (an
 * image of the dataset's own kind) is taken as it is. An image with no ink (blank, uniform, or contrast too low to
 * tell ink from paper) is reported as such.
 */
public final class DigitPreprocessor {
    /** Side of the box MNIST fits each digit into. */
    static final int BOX = 20;
    /** Grey levels (of 255) the ink must stand out from the paper by; less is "no ink". */
    static final double MIN_CONTRAST = 40;
    /** Residual paper shading below this fraction of the ink's peak is taken for background. */
    static final double NOISE_FLOOR = 0.2;

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

    /** {@link #preprocess(BufferedImage, Framing)} as MNIST framed its digits. */
    public static Digit preprocess(BufferedImage image) throws UnusableImageException {
        return preprocess(image, Framing.DIGIT);
    }

    public static Digit preprocess(BufferedImage image, Framing framing) throws UnusableImageException {
        double[][] grey = GreyImage.read(image);
        if (grey.length == InputScaling.HEIGHT && grey[0].length == InputScaling.WIDTH && !hasLightBackground(grey)) {
            removeBackground(grey); // only to refuse a blank image: the image itself is the dataset's kind
            return new Digit(quantise(grey));
        }
        return new Digit(fromGrey(grey, framing));
    }

    /** Every step after {@link GreyImage#read}: polarity to the 8-bit 28×28 result. Works on {@code grey} in place. */
    static int[] fromGrey(double[][] grey) throws UnusableImageException {
        return fromGrey(grey, Framing.DIGIT);
    }

    static int[] fromGrey(double[][] grey, Framing framing) throws UnusableImageException {
        if (hasLightBackground(grey)) {
            invert(grey);
        }
        double[][] ink = removeBackground(grey);
        int[] box = InkBox.of(ink);
        double[][] cropped = crop(ink, box);
        double[][] placed = switch (framing) {
            case DIGIT -> centreByMass(AreaResize.fit(cropped, BOX), InputScaling.HEIGHT, InputScaling.WIDTH);
            case CHARACTER -> centreByBox(AreaResize.fit(cropped, InputScaling.HEIGHT - 4));
            case FILL -> centreByBox(AreaResize.fit(cropped, InputScaling.HEIGHT));
        };
        return quantise(placed);
    }

    /** Places {@code image} in the middle of a 28×28 black field. */
    static double[][] centreByBox(double[][] image) {
        double[][] out = new double[InputScaling.HEIGHT][InputScaling.WIDTH];
        int top = (InputScaling.HEIGHT - image.length) / 2;
        int left = (InputScaling.WIDTH - image[0].length) / 2;
        for (int y = 0; y < image.length; y++) {
            System.arraycopy(image[y], 0, out[y + top], left, image[0].length);
        }
        return out;
    }

    /** The pixels of the outermost frame (a twentieth of the shorter side, at least one pixel). */
    static double[] border(double[][] grey) {
        int h = grey.length;
        int w = grey[0].length;
        int t = Math.max(1, Math.min(h, w) / 20);
        int bands = Math.min(h, 2 * t);
        double[] values = new double[bands * w + Math.max(0, h - bands) * Math.min(w, 2 * t)];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y < t || y >= h - t || x < t || x >= w - t) {
                    values[n++] = grey[y][x];
                }
            }
        }
        return values; // n == values.length: the frame's rows in full, then two strips of the rows between
    }

    /** Paper is light when the border is, on average, lighter than mid-grey. */
    static boolean hasLightBackground(double[][] grey) {
        return Arrays.stream(border(grey)).average().orElse(0) > 127.5;
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
        Arrays.sort(border);
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

    static double[][] crop(double[][] ink, int[] box) {
        double[][] out = new double[box[3] - box[1]][box[2] - box[0]];
        for (int y = box[1]; y < box[3]; y++) {
            System.arraycopy(ink[y], box[0], out[y - box[1]], 0, box[2] - box[0]);
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
