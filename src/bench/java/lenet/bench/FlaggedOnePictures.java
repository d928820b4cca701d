package lenet.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The pictures of a 1 with a flag that {@code predict}'s tests read: the digit 1 of a handwriting font (a person's
 * hand, traced; Klee One and Kiloji both write 1 with a flag), slanted forward as many people write it (the way a
 * flagged 1 comes closest to a 7), as a phone photo of paper (uneven light, paper grain, a tilt, out-of-focus blur,
 * JPEG) and as a scan (white, a little noise, PNG). Seeded: the same fonts give the same files.
 *
 * <p>Run, with the fonts unpacked as accuracy.md's set F says: {@code mvn -Pbench -q test-compile exec:java
 * -Dexec.mainClass=lenet.bench.FlaggedOnePictures -Dexec.args="OUTDIR KleeOne-Regular.ttf kiloji.ttf"}
 */
public final class FlaggedOnePictures {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Font klee = Font.createFont(Font.TRUETYPE_FONT, new File(args[1]));
        Font kiloji = Font.createFont(Font.TRUETYPE_FONT, new File(args[2]));
        writeJpeg(photo(klee, new Random(1)), out.resolve("one-flag-photo.jpg"), 0.8f);
        ImageIO.write(
                scan(kiloji, new Random(2)),
                "png",
                out.resolve("one-flag-scan.png").toFile());
    }

    /** A phone photo of a 1 written on paper: 480 × 640, the digit about 300 px high. */
    static BufferedImage photo(Font font, Random random) {
        int w = 480, h = 640;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // light from the top left, falling off by a third toward the bottom right
                double light = 1.0 - 0.33 * ((double) x / w * 0.4 + (double) y / h * 0.6);
                int grain = (int) Math.round(random.nextGaussian() * 5);
                image.setRGB(x, y, rgb(light * 228 + grain, light * 222 + grain, light * 206 + grain));
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(38, 42, 78));
        draw(g, font, 300, w / 2.0 + 20, h / 2.0 + 10, Math.toRadians(2), -0.22);
        g.dispose();
        return blur(image, 1.4);
    }

    /** A 1 written on white paper and scanned: 400 × 400 grey, the digit about 220 px high. */
    static BufferedImage scan(Font font, Random random) {
        int s = 400;
        BufferedImage image = new BufferedImage(s, s, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(247, 247, 247));
        g.fillRect(0, 0, s, s);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(28, 28, 28));
        draw(g, font, 220, s / 2.0 - 15, s / 2.0, Math.toRadians(-2), -0.2);
        g.dispose();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int v = image.getRaster().getSample(x, y, 0) + (int) Math.round(random.nextGaussian() * 2.5);
                image.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return blur(image, 0.7);
    }

    /** The glyph "1", scaled to {@code height} px of ink, centred on (cx, cy), turned and sheared. */
    private static void draw(Graphics2D g, Font font, double height, double cx, double cy, double turn, double shear) {
        GlyphVector glyph = font.deriveFont(100f).createGlyphVector(g.getFontRenderContext(), "1");
        Rectangle2D box = glyph.getVisualBounds();
        double scale = height / box.getHeight();
        AffineTransform at = new AffineTransform();
        at.translate(cx, cy);
        at.rotate(turn);
        at.shear(shear, 0);
        at.scale(scale, scale);
        at.translate(-box.getCenterX(), -box.getCenterY());
        g.fill(at.createTransformedShape(glyph.getOutline()));
    }

    static BufferedImage blur(BufferedImage image, double sigma) {
        int r = (int) Math.ceil(2 * sigma), n = 2 * r + 1;
        float[] k = new float[n * n];
        double sum = 0;
        for (int y = -r; y <= r; y++) {
            for (int x = -r; x <= r; x++) {
                double v = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
                k[(y + r) * n + x + r] = (float) v;
                sum += v;
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return new ConvolveOp(new Kernel(n, n, k), ConvolveOp.EDGE_NO_OP, null).filter(image, null);
    }

    static int rgb(double r, double g, double b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    static void writeJpeg(BufferedImage image, Path file, float quality) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
