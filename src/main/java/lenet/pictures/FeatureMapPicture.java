package lenet.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The input and the feature maps of LeNet-5's two convolution layers for one image: each map scaled up, coloured
 * from dark blue (0) to yellow (that map's largest value), with its number and largest value under it.
 */
public final class FeatureMapPicture {
    public static final int MARGIN = 16;
    public static final int CAPTION = 18;
    public static final int HEADING = 30;
    /** Pixels per map pixel: conv1's 28×28 maps and conv2's 10×10 maps come out 112 and 100 pixels wide. */
    public static final int CONV1_SCALE = 4;

    public static final int CONV2_SCALE = 10;
    public static final int CONV2_COLUMNS = 8;

    /** One layer's maps: {@code maps[k]} is an {@code h × w} array, row by row. */
    public record Layer(String heading, float[][] maps, int height, int width) {}

    private static final Color[] VIRIDIS = {
        new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)
    };

    private FeatureMapPicture() {}

    public static BufferedImage draw(String title, float[] input, Layer conv1, Layer conv2) {
        int tile1 = conv1.width() * CONV1_SCALE;
        int tile2 = conv2.width() * CONV2_SCALE;
        int width = MARGIN + Math.max(conv1.maps().length * (tile1 + MARGIN), CONV2_COLUMNS * (tile2 + MARGIN));
        int conv2Rows = (conv2.maps().length + CONV2_COLUMNS - 1) / CONV2_COLUMNS;
        int height = HEADING
                + (HEADING + 28 * CONV1_SCALE + CAPTION)
                + (HEADING + tile1 + CAPTION)
                + HEADING
                + conv2Rows * (tile2 + CAPTION + 6)
                + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        Font heading = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font caption = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

        int y = 22;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, MARGIN, y);

        y += HEADING;
        g.setFont(heading);
        g.drawString("input: the 28×28 image the network saw", MARGIN, y - 8);
        g.drawImage(DigitGrid.digit(input), MARGIN, y, 28 * CONV1_SCALE, 28 * CONV1_SCALE, null);
        y += 28 * CONV1_SCALE + CAPTION;

        y += HEADING;
        y = layer(g, conv1, CONV1_SCALE, conv1.maps().length, y, heading, caption);
        y += HEADING;
        layer(g, conv2, CONV2_SCALE, CONV2_COLUMNS, y, heading, caption);
        g.dispose();
        return image;
    }

    private static int layer(Graphics2D g, Layer layer, int scale, int columns, int top, Font heading, Font caption) {
        g.setColor(Color.BLACK);
        g.setFont(heading);
        g.drawString(layer.heading(), MARGIN, top - 8);
        int tileW = layer.width() * scale;
        int tileH = layer.height() * scale;
        int y = top;
        for (int k = 0; k < layer.maps().length; k++) {
            int x = MARGIN + (k % columns) * (tileW + MARGIN);
            y = top + (k / columns) * (tileH + CAPTION + 6);
            float[] map = layer.maps()[k];
            float max = 0;
            for (float v : map) {
                max = Math.max(max, v);
            }
            BufferedImage tile = new BufferedImage(layer.width(), layer.height(), BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < map.length; i++) {
                tile.setRGB(
                        i % layer.width(),
                        i / layer.width(),
                        colour(max == 0 ? 0 : map[i] / max).getRGB());
            }
            g.drawImage(tile, x, y, tileW, tileH, null);
            g.setColor(Color.DARK_GRAY);
            g.setFont(caption);
            g.drawString(String.format(Locale.ROOT, "map %d  max %.2f", k + 1, max), x, y + tileH + 13);
        }
        return y + tileH + CAPTION + 6;
    }

    /** Viridis, interpolated: 0 dark blue, 1 yellow. */
    static Color colour(float v) {
        float t = Math.max(0f, Math.min(1f, v)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) t);
        float f = t - i;
        Color a = VIRIDIS[i];
        Color b = VIRIDIS[i + 1];
        return new Color(
                Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
}
