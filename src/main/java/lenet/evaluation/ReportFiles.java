package lenet.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import lenet.core.AtomicFiles;
import lenet.core.IoErrors;
import lenet.core.Json;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.model.Classes;
import lenet.pictures.ConfusionPicture;
import lenet.pictures.DigitGrid;
import lenet.pictures.Png;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code lenet eval --report DIR}: the evaluation as pictures and JSON. {@code confusion.png}, the confusion
 * matrix as a heat map; {@code misclassified.png}, the misclassified digits, most confident mistakes first, up to
 * {@link #MISCLASSIFIED_LIMIT}; {@code samples.png}, {@link #SAMPLES} digits drawn at random (seeded), right in green
 * and wrong in red; {@code report.json}, the same document as {@code --json}.
 */
public final class ReportFiles {
    public static final int MISCLASSIFIED_LIMIT = 100;
    public static final int SAMPLES = 64;
    public static final int COLUMNS = 10;
    public static final int SAMPLE_COLUMNS = 8;
    public static final long SAMPLE_SEED = 42;

    /** One image's outcome. */
    public record Outcome(int index, int truth, int predicted, double probability) {
        public boolean right() {
            return truth == predicted;
        }
    }

    /** What was written, for the user and for tests. */
    public record Written(
            Path dir,
            List<Outcome> misclassified,
            int misclassifiedTotal,
            List<Outcome> samples,
            DigitGrid.Layout misclassifiedLayout,
            DigitGrid.Layout samplesLayout) {}

    private ReportFiles() {}

    /** Makes the folder, before any work: a folder that cannot be made is one line, and nothing is evaluated. */
    public static void prepare(Path dir) {
        try {
            AtomicFiles.probeFolder(dir, "report");
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(dir) + ": cannot write the --report folder (" + IoErrors.describe(e) + ")", e);
        }
    }

    /**
     * Writes the files into a folder that {@link #prepare} made.
     *
     * @param result the evaluation of {@code data}, whose per-image predictions are drawn
     */
    public static Written write(Path dir, EvalReport report, Evaluator.Result result, DataSet data, String source) {
        List<Outcome> outcomes = outcomes(result, data);
        INDArray features = data.getFeatures();
        List<String> names = report.classes();
        boolean digits = names.equals(Classes.MNIST.names());
        String images = digits ? "digits" : "images";

        Png.write(
                ConfusionPicture.draw(
                        report.confusion(),
                        digits ? "digit" : "class (by number)",
                        String.format(
                                Locale.ROOT,
                                "Confusion matrix: %s, %,d images, accuracy %.2f%%",
                                source,
                                report.images(),
                                report.accuracy() * 100)),
                dir.resolve("confusion.png"));

        List<Outcome> wrong = outcomes.stream()
                .filter(o -> !o.right())
                .sorted(Comparator.comparingDouble(Outcome::probability)
                        .reversed()
                        .thenComparingInt(Outcome::index))
                .toList();
        List<Outcome> shown = wrong.subList(0, Math.min(MISCLASSIFIED_LIMIT, wrong.size()));
        List<DigitGrid.Tile> wrongTiles = new ArrayList<>();
        for (Outcome o : shown) {
            wrongTiles.add(new DigitGrid.Tile(
                    pixels(features, o.index()),
                    "true " + names.get(o.truth()) + " → " + names.get(o.predicted()),
                    String.format(Locale.ROOT, "%.1f%% sure", o.probability() * 100),
                    DigitGrid.WRONG));
        }
        String wrongTitle = wrong.isEmpty()
                ? "No misclassified " + images
                : String.format(
                        Locale.ROOT,
                        "Misclassified: %s of %,d, most confident first (true → predicted)",
                        shown.size() == wrong.size() ? "all " + wrong.size() : "the first " + shown.size(),
                        wrong.size());
        Png.write(DigitGrid.draw(wrongTitle, wrongTiles, COLUMNS), dir.resolve("misclassified.png"));

        Random random = new Random(SAMPLE_SEED);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            indices.add(i);
        }
        java.util.Collections.shuffle(indices, random);
        List<Outcome> samples = new ArrayList<>();
        List<DigitGrid.Tile> sampleTiles = new ArrayList<>();
        for (int i : indices.subList(0, Math.min(SAMPLES, indices.size()))) {
            Outcome o = outcomes.get(i);
            samples.add(o);
            String sure = String.format(Locale.ROOT, "%.1f%%", o.probability() * 100);
            sampleTiles.add(new DigitGrid.Tile(
                    pixels(features, i),
                    "predicted " + names.get(o.predicted()),
                    o.right() ? sure : "true " + names.get(o.truth()) + ", " + sure,
                    o.right() ? DigitGrid.RIGHT : DigitGrid.WRONG));
        }
        long right = samples.stream().filter(Outcome::right).count();
        Png.write(
                DigitGrid.draw(
                        String.format(
                                Locale.ROOT,
                                "%d random %s: %d right (green), %d wrong (red)",
                                samples.size(),
                                images,
                                right,
                                samples.size() - right),
                        sampleTiles,
                        SAMPLE_COLUMNS),
                dir.resolve("samples.png"));

        byte[] json = (Json.line(report) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.writeOrFail(dir.resolve("report.json"), "report", out -> out.write(json));
        return new Written(
                dir,
                shown,
                wrong.size(),
                List.copyOf(samples),
                DigitGrid.layout(wrongTiles.size(), COLUMNS),
                DigitGrid.layout(sampleTiles.size(), SAMPLE_COLUMNS));
    }

    /** Every image's true class, predicted class and the probability given to the prediction. */
    static List<Outcome> outcomes(Evaluator.Result result, DataSet data) {
        int[] truth = data.getLabels().argMax(1).toIntVector();
        List<Outcome> outcomes = new ArrayList<>(truth.length);
        for (int i = 0; i < truth.length; i++) {
            outcomes.add(new Outcome(i, truth[i], result.predicted()[i], result.confidence()[i]));
        }
        return outcomes;
    }

    private static float[] pixels(INDArray features, int row) {
        return features.getRow(row).toFloatVector();
    }
}
