package lenet.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import lenet.model.InputScaling;

/**
 * A grid of 28×28 digits as the network saw them (ink dark on white), each with a caption of one or two lines in a
 * colour of its own, under a title.
 */
public final class DigitGrid {
    /** Pixels per input pixel. */
    public static final int SCALE = 3;

    public static final int DIGIT = InputScaling.WIDTH * SCALE;
    public static final int PAD = 10;
    public static final int CAPTION = 36;
    public static final int TILE_W = DIGIT + 2 * PAD;
    public static final int TILE_H = DIGIT + CAPTION + PAD;
    public static final int TITLE = 44;
    public static final Color RIGHT = new Color(0, 128, 0);
    public static final Color WRONG = new Color(200, 0, 0);

    /** One digit: 784 inputs in [0, 1] (1 = ink), and its caption. */
    public record Tile(float[] pixels, String line1, String line2, Color color) {}

    /** Where the tiles went: tile {@code i} is at column {@code i % columns}, row {@code i / columns}. */
    public record Layout(int tiles, int columns, int rows, int width, int height) {
        public int x(int tile) {
            return (tile % columns) * TILE_W;
        }

        public int y(int tile) {
            return TITLE + (tile / columns) * TILE_H;
        }
    }

    private DigitGrid() {}

    public static Layout layout(int tiles, int columns) {
        int cols = Math.max(1, Math.min(columns, tiles));
        int rows = Math.max(1, (tiles + cols - 1) / cols);
        return new Layout(tiles, cols, rows, Math.max(cols * TILE_W, 480), TITLE + rows * TILE_H);
    }

    public static BufferedImage draw(String title, List<Tile> tiles, int columns) {
        Layout layout = layout(tiles.size(), columns);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, layout.width(), layout.height());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, PAD, 28);
        Font caption = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(caption);
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            int x = layout.x(i) + PAD;
            int y = layout.y(i) + PAD;
            g.drawImage(digit(tile.pixels()), x, y, DIGIT, DIGIT, null);
            g.setColor(new Color(200, 200, 200));
            g.drawRect(x - 1, y - 1, DIGIT + 1, DIGIT + 1);
            g.setColor(tile.color());
            centred(g, metrics, tile.line1(), x, y + DIGIT + 15);
            if (tile.line2() != null) {
                centred(g, metrics, tile.line2(), x, y + DIGIT + 30);
            }
        }
        g.dispose();
        return image;
    }

    /** Centred under the digit; a caption wider than the tile is set smaller, so that none spills over. */
    private static void centred(Graphics2D g, FontMetrics metrics, String text, int x, int baseline) {
        Font font = g.getFont();
        FontMetrics fitted = metrics;
        for (float size = font.getSize2D(); fitted.stringWidth(text) > TILE_W - 4 && size > 6; size -= 0.5f) {
            fitted = g.getFontMetrics(font.deriveFont(size - 0.5f));
        }
        g.setFont(fitted.getFont());
        g.drawString(text, x + (DIGIT - fitted.stringWidth(text)) / 2, baseline);
        g.setFont(font);
    }

    /** The 28×28 input as a grey image: ink black, background white. */
    public static BufferedImage digit(float[] pixels) {
        BufferedImage image = new BufferedImage(InputScaling.WIDTH, InputScaling.HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < pixels.length; i++) {
            int grey = 255 - Math.round(Math.max(0f, Math.min(1f, pixels[i])) * 255);
            image.getRaster().setSample(i % InputScaling.WIDTH, i / InputScaling.WIDTH, 0, grey);
        }
        return image;
    }
}
