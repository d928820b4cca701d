package lenet.evaluation;

import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetHome;
import lenet.data.MnistData;
import org.nd4j.linalg.dataset.DataSet;

/** {@code lenet eval}: a model measured on the MNIST test set or on a folder of labelled images. */
public final class Evaluations {
    private Evaluations() {}

    /** The report, and what a {@code --report} folder is drawn from: the images and what the network made of each. */
    public record Run(EvalReport report, Evaluator.Result result, DataSet data) {}

    public static Run onMnistTest(Path model, Path dataDir) {
        Checkpoints.Loaded loaded = Checkpoints.load(model, false);
        DataSet test = MnistData.test(dataDir);
        Evaluator.Result result = Evaluator.evaluate(loaded.network(), test);
        return new Run(EvalReport.of(LenetHome.display(model), result.evaluation(), java.util.List.of()), result, test);
    }

    public static Run onImages(Path model, Path imagesDir) {
        Checkpoints.Loaded loaded = Checkpoints.load(model, false);
        LabelledImages.Loaded images = LabelledImages.load(imagesDir);
        Evaluator.Result result = Evaluator.evaluate(loaded.network(), images.data());
        return new Run(
                EvalReport.of(LenetHome.display(model), result.evaluation(), images.skipped()), result, images.data());
    }
}
