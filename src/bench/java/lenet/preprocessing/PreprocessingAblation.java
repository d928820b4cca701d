package lenet.preprocessing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import lenet.checkpoint.Checkpoints;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.model.InputScaling;
import lenet.prediction.Predictor;
import lenet.testing.MnistImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What each preprocessing step contributes: MNIST test digits are re-rendered the ways people's images look, encoded
 * and decoded as files would be, and read by the model through the full pipeline, through the pipeline with one step
 * left out, and through "resize to 28×28 and hope".
 *
 * <p>Run: {@code mvn -Pbench -q test-compile exec:java -Dexec.mainClass=lenet.preprocessing.PreprocessingAblation
 * -Dexec.args="models/lenet.zip 1000 [digits.csv.gz [FONT...]]"}, the optional third argument being UCI's optdigits as
 * Debian's python3-sklearn package ships it ({@code apt-get download python3-sklearn}, then {@code dpkg-deb -x}; the
 * file is {@code usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz}), the ones after it handwriting
 * fonts ({@link HandwritingFonts}), whose digits are set F.
 */
public final class PreprocessingAblation {

    /** One way of re-rendering a 28×28 MNIST digit (light ink on black) as a person's image file. */
    private record Rendering(String name, String format, Function<RenderInput, BufferedImage> draw) {}

    private record RenderInput(BufferedImage digit, Random random) {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Path model = Checkpoints.resolve(args.length > 0 ? args[0] : "lenet.zip");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        MultiLayerNetwork network = Checkpoints.load(model, false).network();
        DataSet test = DatasetFiles.read(Dataset.MNIST, DatasetFiles.ownFolder(Dataset.MNIST), false)
                .all();

        List<Rendering> renderings = List.of(
                new Rendering(
                        "black ink on white, PNG, 28-400 px, anywhere on the page",
                        "png",
                        in -> onPaper(in, Color.WHITE, Color.BLACK, 0, 0)),
                new Rendering("phone photo: blue ink, shaded noisy paper, 3° tilt, JPEG q0.75", "jpg", in -> photo(in)),
                new Rendering("drawing app: dark ink on a transparent background, PNG", "png", in -> transparent(in)),
                new Rendering(
                        "light ink on black (MNIST polarity), large, PNG",
                        "png",
                        in -> onPaper(in, Color.BLACK, Color.WHITE, 0, 0)));

        Map<String, Function<double[][], int[]>> variants = new LinkedHashMap<>();
        double floor = DigitPreprocessor.NOISE_FLOOR;
        variants.put("full pipeline", PreprocessingAblation::full);
        variants.put("without polarity (no inversion)", img -> run(img, false, true, floor, true, true, true));
        variants.put("without background removal", img -> run(img, true, false, floor, true, true, true));
        variants.put("without the noise floor", img -> run(img, true, true, 0, true, true, true));
        variants.put("without crop to the ink", img -> run(img, true, true, floor, false, true, true));
        variants.put("without keeping the aspect ratio", img -> run(img, true, true, floor, true, false, true));
        variants.put("without centring by mass (box centred)", img -> run(img, true, true, floor, true, true, false));
        variants.put("resize to 28x28 only", PreprocessingAblation::resizeOnly);
        variants.put("resize + invert by border", PreprocessingAblation::resizeAndInvert);
        // -Dablation.fullOnly=true: the full pipeline alone (comparing models, not steps)
        if (Boolean.getBoolean("ablation.fullOnly")) {
            variants.clear();
            variants.put("full pipeline", PreprocessingAblation::full);
        }

        Random random = new Random(7);
        System.out.printf(Locale.ROOT, "model %s, %d MNIST test digits per rendering%n%n", model, count);
        // render every set once, as encoded files read back through ImageLoader's decoder
        List<String> names = new ArrayList<>();
        // per set, per variant: the 28x28 results (images are preprocessed as soon as they are decoded)
        List<Map<String, List<int[]>>> sets = new ArrayList<>();
        List<int[]> setLabels = new ArrayList<>();
        // -Dablation.cache=FILE: the preprocessed sets are kept there and read back on later runs (they do not
        // depend on the model)
        String cache = System.getProperty("ablation.cache");
        boolean cached = cache != null && Files.exists(Path.of(cache));
        if (cached) {
            try (var in = new java.io.ObjectInputStream(Files.newInputStream(Path.of(cache)))) {
                names.addAll((List<String>) in.readObject());
                sets.addAll((List<Map<String, List<int[]>>>) in.readObject());
                setLabels.addAll((List<int[]>) in.readObject());
            }
            renderings = List.of();
        }
        for (Rendering rendering : renderings) {
            Map<String, List<int[]>> images = results(variants);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                int index = (int) ((long) i * test.numExamples() / count);
                labels[i] = test.getLabels().getRow(index).argMax().getInt(0);
                BufferedImage drawn = rendering.draw().apply(new RenderInput(mnist(test, index), random));
                add(images, variants, roundTrip(drawn, rendering.format()));
            }
            names.add(rendering.name());
            sets.add(images);
            setLabels.add(labels);
        }
        if (args.length > 2 && !cached) {
            // UCI optdigits (43 writers, none from MNIST): 8x8 images of counts 0..16, the label last on each line
            List<String> lines;
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Path.of(args[2])))) {
                lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                        .lines()
                        .toList();
            }
            Map<String, List<int[]>> images = results(variants);
            int[] labels = new int[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                String[] v = lines.get(i).split(",");
                BufferedImage digit = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                for (int p = 0; p < 64; p++) {
                    digit.getRaster().setSample(p % 8, p / 8, 0, Integer.parseInt(v[p].trim()) * 255 / 16);
                }
                labels[i] = Integer.parseInt(v[64].trim());
                add(
                        images,
                        variants,
                        roundTrip(onPaper(new RenderInput(digit, random), Color.WHITE, Color.BLACK, 0, 0), "png"));
            }
            names.add("UCI optdigits (other writers, 8x8 source), black on white PNG, " + lines.size() + " digits");
            sets.add(images);
            setLabels.add(labels);
        }
        if (args.length > 3 && !cached) {
            // handwriting fonts (each font one person's hand), every digit at five sizes
            List<Path> fonts = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                fonts.add(Path.of(args[i]));
            }
            List<HandwritingFonts.Drawn> drawn = HandwritingFonts.draw(fonts, random);
            Map<String, List<int[]>> images = results(variants);
            int[] labels = new int[drawn.size()];
            for (int i = 0; i < drawn.size(); i++) {
                labels[i] = drawn.get(i).digit();
                add(images, variants, roundTrip(drawn.get(i).image(), "png"));
            }
            names.add(String.format(
                    Locale.ROOT,
                    "handwriting fonts: %d fonts x 10 digits x %d sizes, black on white PNG",
                    fonts.size(),
                    HandwritingFonts.SIZES.length));
            sets.add(images);
            setLabels.add(labels);
        }
        if (cache != null && !cached) {
            try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(Path.of(cache)))) {
                out.writeObject(names);
                out.writeObject(sets);
                out.writeObject(setLabels);
            }
        }
        StringBuilder header = new StringBuilder(String.format("%-42s", "variant"));
        for (int r = 0; r < names.size(); r++) {
            System.out.printf("set %c: %s%n", 'A' + r, names.get(r));
            header.append(String.format("  set %c ", 'A' + r));
        }
        System.out.println();
        System.out.println(header);
        for (Map.Entry<String, Function<double[][], int[]>> variant : variants.entrySet()) {
            StringBuilder row = new StringBuilder(String.format("%-42s", variant.getKey()));
            for (int set = 0; set < sets.size(); set++) {
                int[] labels = setLabels.get(set);
                List<DigitPreprocessor.Digit> digits = new ArrayList<>();
                for (int[] grey : sets.get(set).get(variant.getKey())) {
                    digits.add(new DigitPreprocessor.Digit(grey));
                }
                List<Predictor.Prediction> predictions = Predictor.predict(network, digits);
                int correct = 0;
                for (int i = 0; i < labels.length; i++) {
                    correct += predictions.get(i).index() == labels[i] ? 1 : 0;
                }
                row.append(String.format(Locale.ROOT, "  %5.1f%%", 100.0 * correct / labels.length));
            }
            System.out.println(row);
        }
    }

    private static Map<String, List<int[]>> results(Map<String, Function<double[][], int[]>> variants) {
        Map<String, List<int[]>> results = new LinkedHashMap<>();
        variants.keySet().forEach(name -> results.put(name, new ArrayList<>()));
        return results;
    }

    /** Converts to grey once; each variant gets its own copy, since steps work in place. */
    private static void add(
            Map<String, List<int[]>> results, Map<String, Function<double[][], int[]>> variants, BufferedImage image) {
        double[][] grey = GreyImage.read(image);
        variants.forEach((name, variant) -> {
            double[][] copy = new double[grey.length][];
            for (int y = 0; y < grey.length; y++) {
                copy[y] = grey[y].clone();
            }
            results.get(name).add(variant.apply(copy));
        });
    }

    /** The pipeline of {@link DigitPreprocessor#preprocess} with steps switched off; blank results count as wrong. */
    /** The real pipeline, exactly as predict runs it; a blank result counts as wrong. */
    static int[] full(double[][] grey) {
        try {
            return DigitPreprocessor.fromGrey(grey);
        } catch (UnusableImageException e) {
            return new int[InputScaling.PIXELS];
        }
    }

    static int[] run(
            double[][] grey,
            boolean polarity,
            boolean background,
            double noiseFloor,
            boolean crop,
            boolean aspect,
            boolean mass) {
        if (polarity && DigitPreprocessor.hasLightBackground(grey)) {
            DigitPreprocessor.invert(grey);
        }
        double[][] ink;
        try {
            ink = background ? DigitPreprocessor.removeBackground(grey, noiseFloor) : grey;
        } catch (UnusableImageException e) {
            return new int[InputScaling.PIXELS];
        }
        double[][] cropped = crop ? DigitPreprocessor.crop(ink, InkBox.of(ink)) : ink;
        double[][] fitted = aspect
                ? AreaResize.fit(cropped, DigitPreprocessor.BOX)
                : AreaResize.resizeRows(
                        AreaResize.resizeColumns(cropped, DigitPreprocessor.BOX), DigitPreprocessor.BOX);
        double[][] placed = mass ? DigitPreprocessor.centreByMass(fitted, 28, 28) : centreBox(fitted);
        return DigitPreprocessor.quantise(placed);
    }

    static int[] resizeOnly(double[][] grey) {
        return DigitPreprocessor.quantise(AreaResize.resizeRows(AreaResize.resizeColumns(grey, 28), 28));
    }

    static int[] resizeAndInvert(double[][] grey) {
        if (DigitPreprocessor.hasLightBackground(grey)) {
            DigitPreprocessor.invert(grey);
        }
        return DigitPreprocessor.quantise(AreaResize.resizeRows(AreaResize.resizeColumns(grey, 28), 28));
    }

    private static double[][] centreBox(double[][] image) {
        double[][] out = new double[28][28];
        int top = (28 - image.length) / 2;
        int left = (28 - image[0].length) / 2;
        for (int y = 0; y < image.length; y++) {
            System.arraycopy(image[y], 0, out[y + top], left, image[0].length);
        }
        return out;
    }

    private static BufferedImage mnist(DataSet test, int index) {
        float[] pixels = test.getFeatures().getRow(index).toFloatVector();
        BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            digit.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels[i] * 255));
        }
        return digit;
    }

    /** Light-on-dark 28×28 digit drawn as {@code ink} on {@code paper}, random size and place. */
    private static BufferedImage onPaper(RenderInput in, Color paper, Color ink, double tilt, double noise) {
        int size = new int[] {28, 60, 150, 400}[in.random().nextInt(4)];
        int w = size + 20 + in.random().nextInt(size * 2);
        int h = size + 20 + in.random().nextInt(size * 2);
        int x = 10 + in.random().nextInt(w - size - 19);
        int y = 10 + in.random().nextInt(h - size - 19);
        BufferedImage scaled = scale(in.digit(), size);
        BufferedImage page = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                double v = 0;
                if (px >= x && py >= y && px < x + size && py < y + size) {
                    v = scaled.getRaster().getSample(px - x, py - y, 0) / 255.0;
                }
                page.setRGB(px, py, mix(paper, ink, v, noise, in.random()));
            }
        }
        return page;
    }

    private static BufferedImage photo(RenderInput in) {
        int size = 200 + in.random().nextInt(300);
        int w = size * 2 + in.random().nextInt(size);
        int h = size + 60 + in.random().nextInt(size);
        int x = 20 + in.random().nextInt(w - size - 40);
        int y = 20 + in.random().nextInt(h - size - 40);
        BufferedImage rotated = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = rotated.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setTransform(AffineTransform.getRotateInstance(
                Math.toRadians(in.random().nextGaussian() * 3), size / 2.0, size / 2.0));
        g.drawImage(in.digit(), 0, 0, size, size, null);
        g.dispose();
        BufferedImage page = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double shadeX = 20 + in.random().nextInt(40);
        double shadeY = 10 + in.random().nextInt(30);
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                double v = 0;
                if (px >= x && py >= y && px < x + size && py < y + size) {
                    v = rotated.getRaster().getSample(px - x, py - y, 0) / 255.0;
                }
                double paper =
                        230 - shadeX * px / w - shadeY * py / h + in.random().nextGaussian() * 5;
                int r = clamp(paper * (1 - v) + 35 * v);
                int gg = clamp(paper * (1 - v) + 45 * v);
                int b = clamp((paper + 6) * (1 - v) + 120 * v);
                page.setRGB(px, py, (r << 16) | (gg << 8) | b);
            }
        }
        return page;
    }

    private static BufferedImage transparent(RenderInput in) {
        int size = 100 + in.random().nextInt(400);
        int w = size + 40 + in.random().nextInt(size);
        int h = size + 40 + in.random().nextInt(size);
        BufferedImage scaled = scale(in.digit(), size);
        BufferedImage page = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int x = 20 + in.random().nextInt(w - size - 39);
        int y = 20 + in.random().nextInt(h - size - 39);
        for (int py = 0; py < size; py++) {
            for (int px = 0; px < size; px++) {
                int alpha = scaled.getRaster().getSample(px, py, 0);
                page.setRGB(px + x, py + y, (alpha << 24) | 0x202020);
            }
        }
        return page;
    }

    private static BufferedImage scale(BufferedImage digit, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(digit, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    private static int mix(Color paper, Color ink, double v, double noise, Random random) {
        double n = noise == 0 ? 0 : random.nextGaussian() * noise;
        int r = clamp(paper.getRed() * (1 - v) + ink.getRed() * v + n);
        int g = clamp(paper.getGreen() * (1 - v) + ink.getGreen() * v + n);
        int b = clamp(paper.getBlue() * (1 - v) + ink.getBlue() * v + n);
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Encodes and decodes through ImageIO, as a file written by an app or a camera would be read. */
    private static BufferedImage roundTrip(BufferedImage image, String format) throws IOException {
        Path tmp = Files.createTempFile("ablation", "." + format);
        try {
            MnistImages.write(image, format, tmp, 0.75f);
            return ImageLoader.read(tmp);
        } catch (UnusableImageException e) {
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
