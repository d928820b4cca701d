package lenet.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import lenet.testing.DrawnDigits;

/**
 * Digits written with a pen on paper and photographed or scanned, by our own definitions: the strokes of {@link
 * DrawnDigits} (every style of each digit, chosen at random, at a random slant, size and place), drawn with a pen
 * whose width goes from a ballpoint's to a marker's and swells and thins along the stroke, onto paper, then either
 * photographed (shaded, tinted paper with grain, the page turned a little, out-of-focus blur, JPEG at quality 0.5 to
 * 0.9; RGB, 480 × 640) or scanned (white paper, a little noise, a slight blur, PNG; grey, 400 × 400), half and half at
 * random. Every choice comes from the seed: the same seed writes the same files.
 *
 * <p>Writes OUTDIR/0 … OUTDIR/9 (the layout {@code lenet eval --images} reads) and OUTDIR.csv beside it: one row per
 * picture, with its style and what was chosen for it.
 *
 * <p>After {@code mvn -o -Pbench -q test-compile} and {@code mvn -o -q dependency:build-classpath
 * -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt}: {@code java -cp
 * "target/test-classes:target/classes:$(cat target/test-classpath.txt)" lenet.bench.PhotographedDigits OUTDIR SEED
 * PER_CLASS} (accuracy.md, "Photographed 9s", used seeds 1 and 2 and 60 per class).
 */
public final class PhotographedDigits {
    private PhotographedDigits() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int perClass = Integer.parseInt(args[2]);
        Random random = new Random(seed);
        Path manifest = out.resolveSibling(out.getFileName() + ".csv");
        try (PrintStream csv = new PrintStream(Files.newOutputStream(manifest), true, StandardCharsets.UTF_8)) {
            csv.println("file,digit,style,kind,slant,height_px,pen_fraction,blur,jpeg_quality");
            for (int digit = 0; digit <= 9; digit++) {
                Path dir = out.resolve(Integer.toString(digit));
                Files.createDirectories(dir);
                List<String> styles = DrawnDigits.styleNames(digit);
                for (int i = 0; i < perClass; i++) {
                    String style = styles.get(random.nextInt(styles.size()));
                    double slant = -0.3 + 0.6 * random.nextDouble();
                    double scale = 45 + 75 * random.nextDouble();
                    double[] place = {-1 + 2 * random.nextDouble(), -1 + 2 * random.nextDouble()};
                    DrawnDigits.Drawing drawing = DrawnDigits.drawing(style, slant, scale, place, random);
                    boolean photo = random.nextBoolean();
                    Picture picture = photo ? photo(drawing, random) : scan(drawing, random);
                    String name = String.format(
                            Locale.ROOT, "%d-%03d-%s.%s", digit, i, photo ? "photo" : "scan", photo ? "jpg" : "png");
                    if (photo) {
                        FlaggedOnePictures.writeJpeg(picture.image(), dir.resolve(name), (float) picture.quality());
                    } else {
                        ImageIO.write(picture.image(), "png", dir.resolve(name).toFile());
                    }
                    csv.printf(
                            Locale.ROOT,
                            "%d/%s,%d,%s,%s,%.2f,%.0f,%.3f,%.2f,%.2f%n",
                            digit,
                            name,
                            digit,
                            style,
                            photo ? "photo" : "scan",
                            slant,
                            picture.height(),
                            picture.pen(),
                            picture.blur(),
                            picture.quality());
                }
            }
        }
    }

    /** A picture and what was chosen for it: the digit's height in px, pen width per height, blur, JPEG quality. */
    record Picture(BufferedImage image, double height, double pen, double blur, double quality) {}

    /** A phone photo of the digit on paper: 480 × 640 RGB, the digit 150 to 420 px high. */
    static Picture photo(DrawnDigits.Drawing drawing, Random random) {
        int w = 480, h = 640;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double strength = 0.1 + 0.3 * random.nextDouble(); // how much darker the far corner is
        double direction = 2 * Math.PI * random.nextDouble();
        double lx = Math.cos(direction), ly = Math.sin(direction);
        double grainSigma = 2 + 4 * random.nextDouble();
        double brightness = 200 + 45 * random.nextDouble();
        double warm = 10 * random.nextDouble(); // yellowish paper or light
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double along = ((x - w / 2.0) * lx + (y - h / 2.0) * ly) / Math.hypot(w / 2.0, h / 2.0); // -1..1
                double light = 1.0 - strength * (along + 1) / 2;
                double grain = random.nextGaussian() * grainSigma;
                image.setRGB(
                        x,
                        y,
                        FlaggedOnePictures.rgb(
                                light * brightness + grain,
                                light * (brightness - warm / 2) + grain,
                                light * (brightness - warm * 2) + grain));
            }
        }
        boolean blue = random.nextBoolean();
        double inkLevel = 20 + 40 * random.nextDouble();
        Color ink = blue
                ? new Color((int) inkLevel, (int) (inkLevel + 10), (int) Math.min(255, inkLevel + 90))
                : new Color((int) inkLevel, (int) inkLevel, (int) inkLevel);
        double height = 150 + 270 * random.nextDouble();
        double pen = pen(random);
        double turn = Math.toRadians(random.nextGaussian() * 4);
        Graphics2D g = image.createGraphics();
        drawStrokes(
                g,
                drawing,
                ink,
                w / 2.0 + random.nextGaussian() * 25,
                h / 2.0 + random.nextGaussian() * 30,
                height,
                pen,
                turn,
                random);
        g.dispose();
        double blur = 0.6 + 1.6 * random.nextDouble();
        double quality = 0.5 + 0.4 * random.nextDouble();
        return new Picture(FlaggedOnePictures.blur(image, blur), height, pen, blur, quality);
    }

    /** A scan of the digit written on white paper: 400 × 400 grey, the digit 120 to 300 px high. */
    static Picture scan(DrawnDigits.Drawing drawing, Random random) {
        int s = 400;
        BufferedImage image = new BufferedImage(s, s, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        int paper = 240 + random.nextInt(13);
        g.setColor(new Color(paper, paper, paper));
        g.fillRect(0, 0, s, s);
        int inkLevel = 15 + random.nextInt(50);
        double height = 120 + 180 * random.nextDouble();
        double pen = pen(random);
        double turn = Math.toRadians(random.nextGaussian() * 2);
        drawStrokes(
                g,
                drawing,
                new Color(inkLevel, inkLevel, inkLevel),
                s / 2.0 + random.nextGaussian() * 15,
                s / 2.0 + random.nextGaussian() * 15,
                height,
                pen,
                turn,
                random);
        g.dispose();
        double noise = 1.5 + 2 * random.nextDouble();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int v = image.getRaster().getSample(x, y, 0) + (int) Math.round(random.nextGaussian() * noise);
                image.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        double blur = 0.5 + 0.5 * random.nextDouble();
        return new Picture(FlaggedOnePictures.blur(image, blur), height, pen, blur, 0);
    }

    /** The pen's width as a fraction of the digit's height: a fine ballpoint (3%) to a broad marker (14%). */
    private static double pen(Random random) {
        return 0.03 + 0.11 * Math.pow(random.nextDouble(), 1.3);
    }

    /**
     * The drawing's strokes, scaled so that its ink is {@code height} px high, centred on (cx, cy) and turned by
     * {@code turn}; the pen {@code pen × height} wide, its width swelling and thinning by up to a fifth along the
     * stroke, as pressure does.
     */
    private static void drawStrokes(
            Graphics2D g,
            DrawnDigits.Drawing drawing,
            Color ink,
            double cx,
            double cy,
            double height,
            double pen,
            double turn,
            Random random) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(ink);
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int[][] stroke : drawing.strokes()) {
            for (int[] p : stroke) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double k = height / Math.max(1, maxY - minY);
        double ox = (minX + maxX) / 2, oy = (minY + maxY) / 2;
        double cos = Math.cos(turn), sin = Math.sin(turn);
        double width = pen * height;
        double phase = 2 * Math.PI * random.nextDouble();
        double swell = 0.2 * random.nextDouble();
        int segment = 0;
        for (int[][] stroke : drawing.strokes()) {
            for (int i = 1; i < stroke.length; i++) {
                double[] a = place(stroke[i - 1], ox, oy, k, cos, sin, cx, cy);
                double[] b = place(stroke[i], ox, oy, k, cos, sin, cx, cy);
                float w = (float) (width * (1 + swell * Math.sin(phase + 0.12 * segment++)));
                g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
            }
        }
    }

    private static double[] place(
            int[] p, double ox, double oy, double k, double cos, double sin, double cx, double cy) {
        double x = (p[0] - ox) * k, y = (p[1] - oy) * k;
        return new double[] {cx + x * cos - y * sin, cy + x * sin + y * cos};
    }
}
