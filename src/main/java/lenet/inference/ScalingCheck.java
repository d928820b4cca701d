package lenet.inference;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import lenet.core.LenetHome;
import lenet.model.InputScaling;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ONNX model's first answers that look as if it was given its pixels scaled otherwise than it was trained on. A
 * model that takes grey 0–255 (as the ONNX model zoo's MNIST models do), given lenet's grey/255, sees nearly blank
 * images: it reads every one as it reads a blank image (every MNIST test image as one class, 8.9% to 11.4%
 * accuracy). Signs, any one of which warns:
 *
 * <ul>
 *   <li>with labels of 2 classes or more (eval's first batch), {@value #SAME_CLASS_IMAGES} or more images all read as
 *       one class;
 *   <li>every image read as the class a blank page is, with its probability within {@value #BLANK_LIKE}: the
 *       answers hardly depend on the pixels;
 *   <li>near-uniform answers: the mean top probability below 2 / classes.
 * </ul>
 *
 * Without labels, images all of one class are no sign: a folder of sevens reads as 7 with any model. lenet's own
 * models record their scaling and are not checked.
 */
public final class ScalingCheck {
    /** How close to a blank image's top probability an answer is that "hardly depends on the pixels". */
    static final double BLANK_LIKE = 0.05;

    /** Fewer images all of one class are no sign of anything, even when their labels differ. */
    static final int SAME_CLASS_IMAGES = 8;

    private ScalingCheck() {}

    /**
     * @param predicted the class the model gave each of its first images
     * @param top       the probability it gave that class
     * @param labels    the true class of each (eval's first batch), or null when unknown
     * @return the warning, one line naming the model file, or null when the answers look like a model reading
     *         its images (always for a lenet model)
     */
    public static String warning(Path model, Classifier classifier, int[] predicted, double[] top, int[] labels) {
        if (!applies(classifier) || predicted.length == 0) {
            return null;
        }
        String finding = finding(classifier, predicted, top, labels);
        return finding == null
                ? null
                : LenetHome.display(model) + ": " + finding + "; the model may expect its pixels scaled otherwise: "
                        + "try --input-range 255 or --normalize MEAN,STD";
    }

    /** Whether the check looks at this model's answers: an ONNX model's; a lenet model records its scaling. */
    public static boolean applies(Classifier classifier) {
        return Classifiers.ONNX_RUNTIME.equals(classifier.runtime());
    }

    private static String finding(Classifier classifier, int[] predicted, double[] top, int[] labels) {
        int classes = classifier.classes().size();
        int n = predicted.length;
        String images =
                labels != null ? "all of the first " + n + " images" : n == 1 ? "the image" : "all " + n + " images";
        boolean oneClass = Arrays.stream(predicted).allMatch(p -> p == predicted[0]);
        String name = classifier.classes().names().get(predicted[0]);
        if (oneClass
                && labels != null
                && n >= SAME_CLASS_IMAGES
                && Arrays.stream(labels).anyMatch(l -> l != labels[0])) {
            return images + " read as " + name + ", though they are of "
                    + Arrays.stream(labels).distinct().count() + " classes";
        }
        if (oneClass) {
            INDArray blank = classifier.probabilities(Nd4j.zeros(DataType.FLOAT, 1, InputScaling.PIXELS));
            double blankTop = blank.getDouble(0, predicted[0]);
            if (blank.argMax(1).getInt(0) == predicted[0]
                    && Arrays.stream(top).allMatch(p -> Math.abs(p - blankTop) < BLANK_LIKE)) {
                return String.format(
                        Locale.ROOT, "%s read as %s, as a blank page is (%.0f%%)", images, name, blankTop * 100);
            }
        }
        double meanTop = Arrays.stream(top).average().orElse(1);
        if (meanTop < 2.0 / classes) {
            return String.format(
                    Locale.ROOT,
                    "its answers are near uniform (mean top probability %.2f over %d classes)",
                    meanTop,
                    classes);
        }
        return null;
    }
}
