package lenet.evaluation;

import java.util.ArrayList;
import java.util.List;
import lenet.model.Classes;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * What {@code lenet eval} reports, in the shape of its {@code --json} output.
 *
 * @param model     the model file, as given
 * @param images    images evaluated
 * @param accuracy  fraction classified correctly
 * @param classes   the model's class names, in output order
 * @param perClass  precision, recall, F1 and support of each class
 * @param confusion counts, rows = true class, columns = predicted class
 * @param skipped   inputs that could not be used (only with {@code --images})
 * @param computePath the code that computed the predictions ({@link lenet.inference.Classifier#runtime()})
 */
public record EvalReport(
        String model,
        long images,
        double accuracy,
        List<String> classes,
        List<ClassMetrics> perClass,
        int[][] confusion,
        List<Skipped> skipped,
        String computePath) {

    /** One class's figures: its output index and name (for digits, the digit twice). */
    public record ClassMetrics(int index, String name, double precision, double recall, double f1, long support) {}

    public record Skipped(String file, String error) {}

    public static EvalReport of(
            String model, Classes names, Evaluation evaluation, List<Skipped> skipped, String computePath) {
        int classes = names.size();
        int[][] confusion = new int[classes][classes];
        List<ClassMetrics> perClass = new ArrayList<>(classes);
        for (int actual = 0; actual < classes; actual++) {
            long support = 0;
            for (int predicted = 0; predicted < classes; predicted++) {
                confusion[actual][predicted] = evaluation.getConfusion().getCount(actual, predicted);
                support += confusion[actual][predicted];
            }
            perClass.add(new ClassMetrics(
                    actual,
                    names.name(actual),
                    evaluation.precision(actual),
                    evaluation.recall(actual),
                    evaluation.f1(actual),
                    support));
        }
        long images = evaluation.getNumRowCounter();
        return new EvalReport(
                model,
                images,
                images == 0 ? 0 : evaluation.accuracy(),
                names.names(),
                List.copyOf(perClass),
                confusion,
                List.copyOf(skipped),
                computePath);
    }
}
