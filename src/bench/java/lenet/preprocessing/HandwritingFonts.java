package lenet.preprocessing;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A second source of other people's digits: the ten digits of handwriting fonts (each font one person's hand), drawn
 * black on white as a person's PNG would be. Debian packages the fonts: {@code fonts-bwht} (six hands),
 * {@code fonts-breip}, {@code fonts-dkg-handwriting}, {@code fonts-humor-sans}, {@code fonts-kiloji},
 * {@code fonts-klee}, {@code fonts-kristi}, {@code fonts-leckerli-one}, {@code fonts-yusei-magic},
 * {@code fonts-dancingscript} and {@code fonts-kaushanscript}; {@code apt-get download} them, {@code dpkg-deb -x}
 * each, and pass the regular face of every family.
 */
final class HandwritingFonts {
    /** Glyph heights, in pixels, each digit of each font is drawn at. */
    static final int[] SIZES = {24, 48, 96, 200, 400};

    /** One drawn digit and what it is. */
    record Drawn(BufferedImage image, int digit) {}

    private HandwritingFonts() {}

    /** Every digit of every font at every size in {@link #SIZES}, at a random place on a white page. */
    static List<Drawn> draw(List<Path> fonts, Random random) throws IOException {
        List<Drawn> drawn = new ArrayList<>();
        for (Path file : fonts) {
            Font font;
            try {
                font = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
            } catch (FontFormatException e) {
                throw new IOException(file + ": not a font this JDK reads (" + e.getMessage() + ")", e);
            }
            if (font.canDisplayUpTo("0123456789") >= 0) {
                throw new IOException(file + ": has no glyphs for the digits");
            }
            for (int digit = 0; digit < 10; digit++) {
                Rectangle2D box = inkBox(font, digit);
                for (int size : SIZES) {
                    drawn.add(new Drawn(page(font, digit, box, size, random), digit));
                }
            }
        }
        return drawn;
    }

    /** The ink's bounds of the digit's glyph at 100 points. */
    private static Rectangle2D inkBox(Font font, int digit) {
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY).createGraphics();
        GlyphVector unit = font.deriveFont(100f).createGlyphVector(probe.getFontRenderContext(), "" + digit);
        probe.dispose();
        return unit.getVisualBounds();
    }

    /**
     * The digit's glyph, whose ink at 100 points is {@code box}, scaled to {@code height} px of ink, anti-aliased, with
     * a random margin on each side.
     */
    private static BufferedImage page(Font font, int digit, Rectangle2D box, int height, Random random) {
        float points = (float) (100 * height / box.getHeight());
        double width = box.getWidth() * points / 100;
        int left = 10 + random.nextInt(height), top = 10 + random.nextInt(height);
        int w = (int) Math.ceil(width) + left + 10 + random.nextInt(height);
        int h = height + top + 10 + random.nextInt(height);
        BufferedImage page = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(font.deriveFont(points));
        g.drawString("" + digit, (float) (left - box.getX() * points / 100), (float) (top - box.getY() * points / 100));
        g.dispose();
        return page;
    }
}
