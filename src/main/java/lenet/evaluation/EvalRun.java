package lenet.evaluation;

import java.nio.file.Path;
import java.util.List;
import lenet.core.LenetHome;
import lenet.data.MnistData;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.inference.Normalize;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code lenet eval}: a model measured on the MNIST test set or on a folder of labelled images, and the
 * {@code --report} folder written.
 */
public final class EvalRun {
    private EvalRun() {}

    /**
     * @param report  the figures
     * @param result  what the network made of each image
     * @param data    the images, as the network saw them
     * @param written the report files, or null without a report folder
     */
    public record Run(EvalReport report, Evaluator.Result result, DataSet data, ReportFiles.Written written) {}

    /**
     * @param images    a folder of labelled images (DIR/0/… to DIR/9/…), or null for the MNIST test set
     * @param dataDir   the MNIST folder
     * @param reportDir where the report files go, or null for none
     * @param normalize {@code --normalize} for an ONNX model, or null
     */
    public static Run run(Path model, Normalize normalize, Path images, Path dataDir, Path reportDir) {
        if (reportDir != null) {
            ReportFiles.prepare(reportDir); // a folder that cannot be written is one line, before any work
        }
        try (Classifier classifier = Classifiers.load(model, normalize)) {
            return run(model, classifier, images, dataDir, reportDir);
        }
    }

    private static Run run(Path model, Classifier classifier, Path images, Path dataDir, Path reportDir) {
        DataSet data;
        List<EvalReport.Skipped> skipped;
        if (images != null) {
            LabelledImages.Loaded loaded = LabelledImages.load(images);
            data = loaded.data();
            skipped = loaded.skipped();
        } else {
            data = MnistData.test(dataDir);
            skipped = List.of();
        }
        Evaluator.Result result = Evaluator.evaluate(classifier, data);
        EvalReport report = EvalReport.of(LenetHome.display(model), result.evaluation(), skipped, classifier.runtime());
        ReportFiles.Written written = reportDir == null
                ? null
                : ReportFiles.write(
                        reportDir, report, result, data, images != null ? LenetHome.display(images) : "MNIST test set");
        return new Run(report, result, data, written);
    }
}
