package lenet.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.model.InputScaling;
import lenet.preprocessing.DigitReader;
import lenet.preprocessing.ImageInputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A person's own labelled images, {@code DIR/0/…} to {@code DIR/9/…}, read through the same preprocessing as
 * {@code lenet predict}. Files that cannot be used are kept aside with the reason, never fatal for the rest.
 */
public final class LabelledImages {

    /** The usable images as a data set, and the ones skipped. */
    public record Loaded(DataSet data, List<EvalReport.Skipped> skipped) {}

    private LabelledImages() {}

    public static Loaded load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw LenetException.badInput(
                    LenetHome.display(dir) + ": " + (Files.exists(dir) ? "not a directory" : "no such directory")
                            + " (--images expects DIR/0 to DIR/9)");
        }
        List<float[]> inputs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<EvalReport.Skipped> skipped = new ArrayList<>();
        boolean anyClassDir = false;
        for (int digit = 0; digit < InputScaling.CLASSES; digit++) {
            Path classDir = dir.resolve(Integer.toString(digit));
            if (!Files.isDirectory(classDir)) {
                continue;
            }
            anyClassDir = true;
            List<Path> files;
            try {
                files = ImageInputs.imagesIn(classDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path file : files) {
                DigitReader.Reading reading = DigitReader.read(file);
                if (reading.ok()) {
                    inputs.add(reading.digit().input());
                    labels.add(digit);
                } else {
                    skipped.add(new EvalReport.Skipped(LenetHome.display(file), reading.error()));
                }
            }
        }
        if (!anyClassDir) {
            throw LenetException.badInput(LenetHome.display(dir) + ": no labelled images (expected sub-folders 0 to 9 "
                    + "holding images of that digit)");
        }
        if (inputs.isEmpty()) {
            throw LenetException.badInput(LenetHome.display(dir) + ": none of the images in 0 to 9 could be used"
                    + (skipped.isEmpty() ? " (the folders are empty)" : " (" + skipped.size() + " skipped)"));
        }
        INDArray features = Nd4j.create(inputs.toArray(new float[0][]));
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, inputs.size(), InputScaling.CLASSES);
        for (int i = 0; i < labels.size(); i++) {
            oneHot.putScalar(i, labels.get(i), 1f);
        }
        return new Loaded(new DataSet(features, oneHot), skipped);
    }
}
