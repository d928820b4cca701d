package lenet.prediction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lenet.core.FileNames;
import lenet.core.IoErrors;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.inference.Normalize;
import lenet.inference.ScalingCheck;
import lenet.model.Classes.Framing;
import lenet.pictures.Png;
import lenet.preprocessing.DigitPreprocessor;
import lenet.preprocessing.DigitReader;
import lenet.preprocessing.ImageInputs;

/** {@code lenet predict}: loads the model once, reads every input, predicts the usable ones in one batch. */
public final class PredictRun {

    /** Receives one result per input, in input order. */
    public interface Sink {
        /** @param seen the 28×28 image the network was given */
        void prediction(String file, Predictor.Prediction prediction, DigitPreprocessor.Digit seen);

        void failure(String file, String error);

        /** An ONNX model's answers look scaled otherwise than it expects ({@link ScalingCheck}): one line. */
        default void warning(String line) {}
    }

    private PredictRun() {}

    /**
     * @param normalize {@code --normalize} or {@code --input-range 255} for an ONNX model, or null
     * @return whether every input was predicted
     */
    public static boolean run(Path model, Normalize normalize, List<Path> inputs, Path saveDir, Sink sink) {
        try (Classifier classifier = Classifiers.load(model, normalize)) {
            return run(model, classifier, inputs, saveDir, sink);
        }
    }

    private static boolean run(Path model, Classifier classifier, List<Path> inputs, Path saveDir, Sink sink) {
        if (saveDir != null) {
            try {
                Files.createDirectories(saveDir);
            } catch (IOException e) {
                throw LenetException.badInput(
                        LenetHome.display(saveDir) + ": cannot create folder for --save-preprocessed ("
                                + IoErrors.describe(e) + ")",
                        e);
            }
        }
        List<DigitReader.Reading> readings = new ArrayList<>();
        Framing framing = classifier.classes().framing();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> images;
                try {
                    images = ImageInputs.imagesIn(input);
                } catch (IOException e) {
                    readings.add(new DigitReader.Reading(
                            input, null, "cannot list directory (" + IoErrors.describe(e) + ")"));
                    continue;
                }
                if (images.isEmpty()) {
                    readings.add(new DigitReader.Reading(input, null, "directory holds no images"));
                }
                images.forEach(f -> readings.add(DigitReader.read(f, framing)));
            } else {
                readings.add(DigitReader.read(input, framing));
            }
        }
        List<DigitPreprocessor.Digit> digits = readings.stream()
                .filter(DigitReader.Reading::ok)
                .map(DigitReader.Reading::digit)
                .toList();
        List<Predictor.Prediction> predictions = Predictor.predict(classifier, digits);
        String warning = ScalingCheck.warning(
                model,
                classifier,
                predictions.stream().mapToInt(Predictor.Prediction::index).toArray(),
                predictions.stream()
                        .mapToDouble(Predictor.Prediction::probability)
                        .toArray(),
                null);
        if (warning != null) {
            sink.warning(warning);
        }
        Set<String> savedNames = new HashSet<>();
        int next = 0;
        boolean all = true;
        for (DigitReader.Reading reading : readings) {
            String file = LenetHome.display(reading.file());
            if (!reading.ok()) {
                sink.failure(file, reading.error());
                all = false;
                continue;
            }
            if (saveDir != null) {
                save(reading, saveDir, savedNames);
            }
            sink.prediction(file, predictions.get(next++), reading.digit());
        }
        return all;
    }

    /** Writes the 28×28 image the network saw as {@code STEM.png} (then {@code STEM-2.png}, …) in {@code dir}. */
    private static void save(DigitReader.Reading reading, Path dir, Set<String> used) {
        String stem = FileNames.stem(reading.file());
        String candidate = stem + ".png";
        for (int i = 2; !used.add(candidate); i++) {
            candidate = stem + "-" + i + ".png";
        }
        Png.write(reading.digit().toImage(), dir.resolve(candidate));
    }
}
