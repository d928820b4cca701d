package lenet.serving;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import lenet.inference.Classifier;
import lenet.inference.ScalingCheck;
import lenet.prediction.Predictor;
import lenet.preprocessing.DigitPreprocessor;
import lenet.preprocessing.ImageLoader;
import lenet.preprocessing.UnusableImageException;

/**
 * Runs a drawing the size of the page's pad through every step of an answer before the server listens: decoding
 * the PNG, preprocessing and the network. Without it the first drawing a person makes waits for all of that to
 * load (about half a second for the first answer on a 2-core AMD EPYC, performance.md).
 */
final class WarmUp {
    /** Drawings run through; each step's code is loaded and compiled by the first ones. */
    static final int DRAWINGS = 5;

    private WarmUp() {}

    static void run(Classifier classifier) {
        byte[] png = pad();
        try {
            for (int i = 0; i < DRAWINGS; i++) {
                Predictor.predict(classifier, List.of(DigitPreprocessor.preprocess(ImageLoader.read(png))));
            }
        } catch (UnusableImageException e) {
            throw new IllegalStateException("the warm-up drawing was not readable: " + e.getMessage(), e);
        }
    }

    /**
     * {@link ScalingCheck} of a 0 drawn on the pad, for an ONNX model: a drawing unlike a blank page (which a 1 is
     * not, to some models), that a model given its pixels scaled otherwise reads as it reads a blank page.
     *
     * @return the warning, or null
     */
    static String scalingWarning(Path model, Classifier classifier) {
        if (!ScalingCheck.applies(classifier)) {
            return null;
        }
        byte[] zero = pad(g -> g.drawOval(85, 50, 110, 180));
        try {
            Predictor.Prediction answer = Predictor.predict(
                            classifier, List.of(DigitPreprocessor.preprocess(ImageLoader.read(zero))))
                    .get(0);
            return ScalingCheck.warning(
                    model, classifier, new int[] {answer.index()}, new double[] {answer.probability()}, null);
        } catch (UnusableImageException e) {
            throw new IllegalStateException("the drawn 0 was not readable: " + e.getMessage(), e);
        }
    }

    /** A 1 drawn on a white 280×280 pad with the page's 18-pixel pen, as the page sends it. */
    static byte[] pad() {
        return pad(g -> g.drawLine(140, 45, 140, 235));
    }

    /** What {@code pen} draws on a white 280×280 pad with the page's 18-pixel pen, as the page sends it. */
    private static byte[] pad(Consumer<Graphics2D> pen) {
        BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_4BYTE_ABGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 280, 280);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(18, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        pen.accept(g);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
