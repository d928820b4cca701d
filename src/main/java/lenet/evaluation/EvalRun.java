package lenet.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.data.DatasetImages;
import lenet.data.Download;
import lenet.data.ImageFolder;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.inference.Normalize;
import lenet.inference.ScalingCheck;
import lenet.model.Classes;
import lenet.model.LeNet5;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code lenet eval}: a model measured on its dataset's test set or on a folder of labelled images, and the
 * {@code --report} folder written.
 */
public final class EvalRun {
    private EvalRun() {}

    /**
     * @param report  the figures
     * @param result  what the network made of each image
     * @param data    the images, as the network saw them
     * @param source  what they are: {@code Fashion-MNIST test set}, or the folder
     * @param written the report files, or null without a report folder
     * @param warning an ONNX model's first answers that look scaled otherwise than it expects
     *                ({@link ScalingCheck}), or null
     */
    public record Run(
            EvalReport report,
            Evaluator.Result result,
            DataSet data,
            String source,
            ReportFiles.Written written,
            String warning) {}

    /**
     * @param images    a folder of labelled images ({@code DIR/CLASS/…}, classes named as the model names them), or
     *                  null for the test set of the model's dataset
     * @param dataDir   the folder of the model's dataset, or null: lenet finds it (and downloads it if need be)
     * @param reportDir where the report files go, or null for none
     * @param normalize {@code --normalize} or {@code --input-range 255} for an ONNX model, or null
     * @param progress  told how a download of the test set goes
     */
    public static Run run(
            Path model, Normalize normalize, Path images, Path dataDir, Path reportDir, Download.Listener progress) {
        if (reportDir != null) {
            ReportFiles.prepare(reportDir); // a folder that cannot be written is one line, before any work
        }
        try (Classifier classifier = Classifiers.load(model, normalize)) {
            return run(model, classifier, images, dataDir, reportDir, progress);
        }
    }

    /** {@link ScalingCheck} of the first batch's answers, which the labels tell to be of one class or more. */
    private static String scalingWarning(Path model, Classifier classifier, Evaluator.Result result, DataSet data) {
        int n = Math.min(LeNet5.INFERENCE_BATCH, result.predicted().length);
        if (n == 0) {
            return null;
        }
        int[] labels = data.getLabels().argMax(1).toIntVector();
        double[] top = new double[n];
        for (int i = 0; i < n; i++) {
            top[i] = result.confidence()[i];
        }
        return ScalingCheck.warning(
                model, classifier, Arrays.copyOf(result.predicted(), n), top, Arrays.copyOf(labels, n));
    }

    private static Run run(
            Path model, Classifier classifier, Path images, Path dataDir, Path reportDir, Download.Listener progress) {
        Classes classes = classifier.classes();
        DataSet data;
        List<EvalReport.Skipped> skipped = new ArrayList<>();
        String source;
        if (images != null) {
            List<ImageFolder.Skipped> unusable = new ArrayList<>();
            ImageFolder.Part part = ImageFolder.readLabelled(images, classes.names(), classes.framing(), unusable);
            data = DatasetImages.of(part, classes.size()).all();
            unusable.forEach(u -> skipped.add(new EvalReport.Skipped(u.file(), u.reason())));
            source = LenetHome.display(images);
        } else {
            Dataset dataset = Dataset.named(classes.dataset())
                    .orElseThrow(() -> LenetException.badInput(LenetHome.display(model) + ": its test set is not one "
                            + "lenet knows (" + classes.dataset() + "); give --images DIR, one sub-folder per class ("
                            + ImageFolder.names(classes.names().stream()
                                    .map(ImageFolder::folderName)
                                    .toList())
                            + ")"));
            data = DatasetFiles.read(dataset, DatasetFiles.locate(dataset, dataDir, progress), false)
                    .all();
            source = dataset.title + " test set";
        }
        Evaluator.Result result = Evaluator.evaluate(classifier, data);
        EvalReport report =
                EvalReport.of(LenetHome.display(model), classes, result.evaluation(), skipped, classifier.runtime());
        ReportFiles.Written written =
                reportDir == null ? null : ReportFiles.write(reportDir, report, result, data, source);
        return new Run(report, result, data, source, written, scalingWarning(model, classifier, result, data));
    }
}
