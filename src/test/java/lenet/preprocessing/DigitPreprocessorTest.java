package lenet.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import lenet.model.Classes.Framing;
import org.junit.jupiter.api.Test;

class DigitPreprocessorTest {

    /** A "7" drawn with a pen of the given width inside the box (x, y, size) of a canvas. */
    static BufferedImage seven(int canvasW, int canvasH, int x, int y, int size, Color paper, Color ink, int type) {
        BufferedImage image = new BufferedImage(canvasW, canvasH, type);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (paper != null) {
            g.setColor(paper);
            g.fillRect(0, 0, canvasW, canvasH);
        }
        g.setColor(ink);
        g.setStroke(new BasicStroke(Math.max(1f, size / 8f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(x + size / 5, y + size / 10, x + size * 4 / 5, y + size / 10);
        g.drawLine(x + size * 4 / 5, y + size / 10, x + size * 2 / 5, y + size * 9 / 10);
        g.dispose();
        return image;
    }

    static BufferedImage blackOnWhite(int canvas, int x, int y, int size) {
        return seven(canvas, canvas, x, y, size, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB);
    }

    /** Centre of mass (x, y) of a 28×28 result, in pixel-centre coordinates. */
    static double[] centreOfMass(int[] grey) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < grey.length; i++) {
            mass += grey[i];
            mx += grey[i] * (i % 28 + 0.5);
            my += grey[i] * (i / 28 + 0.5);
        }
        return new double[] {mx / mass, my / mass};
    }

    /** Width and height of the non-zero pixels. */
    /** A black box on a white page of {@code width} × {@code height}. */
    static BufferedImage boxOnWhite(int width, int height, int x, int y, int boxWidth, int boxHeight) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.fillRect(x, y, boxWidth, boxHeight);
        g.dispose();
        return image;
    }

    static int[] inkExtent(int[] grey) {
        int x0 = 28;
        int y0 = 28;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < grey.length; i++) {
            if (grey[i] > 0) {
                x0 = Math.min(x0, i % 28);
                x1 = Math.max(x1, i % 28);
                y0 = Math.min(y0, i / 28);
                y1 = Math.max(y1, i / 28);
            }
        }
        return new int[] {x1 - x0 + 1, y1 - y0 + 1};
    }

    static double meanAbsDifference(int[] a, int[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    static int[] preprocess(BufferedImage image) throws UnusableImageException {
        return DigitPreprocessor.preprocess(image).grey();
    }

    @Test
    void offCentreDigitEndsUpCentredByMassAndFittedTo20Pixels() throws Exception {
        int[] grey = preprocess(blackOnWhite(300, 10, 170, 100));

        double[] com = centreOfMass(grey);
        assertThat(com[0]).isCloseTo(14.0, within(0.75));
        assertThat(com[1]).isCloseTo(14.0, within(0.75));
        int[] extent = inkExtent(grey);
        assertThat(Math.max(extent[0], extent[1])).isBetween(19, 21);
        assertThat(java.util.Arrays.stream(grey).max().orElse(0)).isEqualTo(255);
        assertThat(grey[0]).isZero();
    }

    /**
     * Each dataset's framing, as its authors describe how they made their images: MNIST fits the ink into 20×20,
     * EMNIST into 24×24 (2 pixels of border), Fashion-MNIST scales the garment's longer side to 28.
     */
    @Test
    void aPictureIsFramedAsTheModelsDatasetFramedItsImages() throws Exception {
        BufferedImage bag = boxOnWhite(200, 120, 20, 30, 160, 80); // twice as wide as high

        int[] digit = inkExtent(DigitPreprocessor.preprocess(bag, Framing.DIGIT).grey());
        int[] character =
                inkExtent(DigitPreprocessor.preprocess(bag, Framing.CHARACTER).grey());
        int[] garment =
                inkExtent(DigitPreprocessor.preprocess(bag, Framing.FILL).grey());

        assertThat(digit[0]).isEqualTo(20);
        assertThat(character[0]).isEqualTo(24);
        assertThat(garment[0]).isEqualTo(28);
        assertThat(garment[1]).isBetween(13, 15);
    }

    @Test
    void sameDigitAnywhereOnThePageGivesTheSameResult() throws Exception {
        int[] topLeft = preprocess(blackOnWhite(300, 10, 10, 100));
        int[] bottomRight = preprocess(blackOnWhite(300, 180, 185, 100));

        assertThat(meanAbsDifference(topLeft, bottomRight)).isLessThan(1.0);
    }

    @Test
    void lightInkOnDarkPaperIsNotInverted() throws Exception {
        int[] darkOnLight = preprocess(blackOnWhite(120, 20, 20, 80));
        int[] lightOnDark =
                preprocess(seven(120, 120, 20, 20, 80, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB));

        assertThat(meanAbsDifference(darkOnLight, lightOnDark)).isLessThan(1.0);
    }

    @Test
    void polarityIsDecidedByTheBorder() {
        double[][] light = GreyImage.read(blackOnWhite(100, 20, 20, 60));
        double[][] dark =
                GreyImage.read(seven(100, 100, 20, 20, 60, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB));

        assertThat(DigitPreprocessor.hasLightBackground(light)).isTrue();
        assertThat(DigitPreprocessor.hasLightBackground(dark)).isFalse();
    }

    @Test
    void transparentBackgroundWithDarkInkReadsLikeWhitePaper() throws Exception {
        BufferedImage transparent = seven(120, 120, 20, 20, 80, null, Color.BLACK, BufferedImage.TYPE_INT_ARGB);

        assertThat(meanAbsDifference(preprocess(transparent), preprocess(blackOnWhite(120, 20, 20, 80))))
                .isLessThan(1.0);
    }

    @Test
    void greyOnWhiteFlattensAlphaOntoWhiteAndTakesLuma() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00000000); // fully transparent black: paper
        image.setRGB(1, 0, 0xFFFF0000); // opaque red
        image.setRGB(2, 0, 0x80000000); // half-transparent black

        double[][] grey = GreyImage.read(image);

        assertThat(grey[0][0]).isCloseTo(255, within(1e-9));
        assertThat(grey[0][1]).isCloseTo(0.299 * 255, within(1e-9));
        assertThat(grey[0][2]).isCloseTo(255 * (1 - 128 / 255.0), within(1e-9));
    }

    @Test
    void greyImagesAreReadAsStoredNotGammaConverted() throws Exception {
        BufferedImage grey8 = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey8.getRaster().setSample(0, 0, 0, 128);
        grey8.getRaster().setSample(1, 0, 0, 255);
        BufferedImage grey16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(0, 0, 0, 32_896); // 128/255 of 65535
        java.nio.file.Path png = java.nio.file.Files.createTempFile("grey", ".png");
        try {
            javax.imageio.ImageIO.write(grey8, "png", png.toFile());
            assertThat(GreyImage.read(ImageLoader.read(png))[0]).containsExactly(128, 255);
        } finally {
            java.nio.file.Files.delete(png);
        }
        assertThat(GreyImage.read(grey8)[0][0]).isEqualTo(128);
        assertThat(GreyImage.read(grey16)[0][0]).isCloseTo(128, within(1e-9));
    }

    @Test
    void greyPaperAndGreyInkAreStretchedToFullContrast() throws Exception {
        Color paper = new Color(180, 180, 180);
        Color ink = new Color(60, 60, 60);
        int[] grey = preprocess(seven(120, 120, 20, 20, 80, paper, ink, BufferedImage.TYPE_INT_RGB));

        assertThat(java.util.Arrays.stream(grey).max().orElse(0)).isEqualTo(255);
        assertThat(meanAbsDifference(grey, preprocess(blackOnWhite(120, 20, 20, 80))))
                .isLessThan(2.0);
    }

    @Test
    void tinyDigitIsScaledUpTo20Pixels() throws Exception {
        int[] grey = preprocess(blackOnWhite(12, 1, 1, 10));

        int[] extent = inkExtent(grey);
        assertThat(Math.max(extent[0], extent[1])).isBetween(19, 21);
    }

    @Test
    void hugeImageIsReducedAndStillFound() throws Exception {
        int[] big = preprocess(blackOnWhite(4000, 500, 2500, 1200));

        int[] extent = inkExtent(big);
        assertThat(Math.max(extent[0], extent[1])).isBetween(19, 21);
        assertThat(meanAbsDifference(big, preprocess(blackOnWhite(400, 50, 250, 120))))
                .isLessThan(4.0);
    }

    @Test
    void smallSpeckFarAwayDoesNotShrinkTheDigit() throws Exception {
        BufferedImage image = blackOnWhite(300, 20, 20, 120);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(280, 280, 3, 3);
        g.dispose();

        assertThat(meanAbsDifference(preprocess(image), preprocess(blackOnWhite(300, 20, 20, 120))))
                .isLessThan(1.0);
    }

    @Test
    void wideDigitKeepsItsAspectRatio() throws Exception {
        BufferedImage bar = boxOnWhite(200, 200, 20, 90, 160, 40); // 4:1

        int[] extent = inkExtent(preprocess(bar));

        assertThat(extent[0]).isEqualTo(20);
        assertThat(extent[1]).isEqualTo(5);
    }

    @Test
    void blankAndUniformImagesHaveNoInk() {
        BufferedImage white = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 50, 50);
        g.dispose();
        BufferedImage black = new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage empty = new BufferedImage(50, 50, BufferedImage.TYPE_INT_ARGB);
        BufferedImage faint =
                seven(100, 100, 10, 10, 80, Color.WHITE, new Color(240, 240, 240), BufferedImage.TYPE_INT_RGB);

        for (BufferedImage image : new BufferedImage[] {white, black, empty}) {
            assertThatThrownBy(() -> DigitPreprocessor.preprocess(image))
                    .isInstanceOf(UnusableImageException.class)
                    .hasMessage("no ink found (the image is blank or uniform)");
        }
        assertThatThrownBy(() -> DigitPreprocessor.preprocess(faint))
                .hasMessage("no ink found (nothing stands out from the background)");
    }

    @Test
    void greyscaleSixteenBitAndPaletteImagesWork() throws Exception {
        int[] reference = preprocess(blackOnWhite(120, 20, 20, 80));
        BufferedImage grey16 = seven(120, 120, 20, 20, 80, Color.WHITE, Color.BLACK, BufferedImage.TYPE_USHORT_GRAY);
        byte[] levels = {0, (byte) 255};
        BufferedImage palette = seven(120, 120, 20, 20, 80, Color.WHITE, Color.BLACK, BufferedImage.TYPE_BYTE_INDEXED);
        BufferedImage twoColour = new BufferedImage(
                120, 120, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, levels, levels, levels));
        Graphics2D g = twoColour.createGraphics();
        g.drawImage(blackOnWhite(120, 20, 20, 80), 0, 0, null);
        g.dispose();

        assertThat(meanAbsDifference(preprocess(grey16), reference)).isLessThan(2.0);
        assertThat(meanAbsDifference(preprocess(palette), reference)).isLessThan(3.0);
        assertThat(meanAbsDifference(preprocess(twoColour), reference)).isLessThan(8.0);
    }

    @Test
    void mnistSizedInputPassesThroughAlmostUnchanged() throws Exception {
        // A 20×20 block of ink centred in 28×28 is already in MNIST form.
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(4, 4, 20, 20);
        g.setColor(Color.BLACK);
        g.fillRect(9, 9, 10, 10);
        g.dispose();

        int[] grey = preprocess(image);

        assertThat(grey[4 * 28 + 4]).isEqualTo(255);
        assertThat(grey[14 * 28 + 14]).isZero();
        assertThat(grey[3 * 28 + 3]).isZero();
        assertThat(inkExtent(grey)).containsExactly(20, 20);
    }

    @Test
    void inputIsGreyDividedBy255() throws Exception {
        DigitPreprocessor.Digit digit = DigitPreprocessor.preprocess(blackOnWhite(100, 10, 10, 80));

        float[] input = digit.input();
        for (int i = 0; i < input.length; i++) {
            assertThat(input[i]).isEqualTo(digit.grey()[i] / 255f);
        }
        assertThat(digit.toImage().getWidth()).isEqualTo(28);
        assertThat(digit.toImage().getRaster().getSample(14, 14, 0)).isEqualTo(digit.grey()[14 * 28 + 14]);
    }

    @Test
    void theBorderIsEveryPixelOfTheOuterFrameOnce() {
        for (int[] size : new int[][] {{1, 1}, {1, 5}, {3, 1}, {2, 2}, {28, 28}, {41, 19}, {19, 41}, {280, 280}}) {
            int h = size[0];
            int w = size[1];
            double[][] grey = new double[h][w];
            int t = Math.max(1, Math.min(h, w) / 20);
            java.util.List<Double> frame = new java.util.ArrayList<>();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    grey[y][x] = y * 1000 + x;
                    if (y < t || y >= h - t || x < t || x >= w - t) {
                        frame.add(grey[y][x]);
                    }
                }
            }
            assertThat(DigitPreprocessor.border(grey))
                    .as("%d x %d", h, w)
                    .containsExactly(
                            frame.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
