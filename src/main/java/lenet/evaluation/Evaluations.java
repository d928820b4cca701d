package lenet.evaluation;

import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetHome;
import lenet.data.MnistData;

/** {@code lenet eval}: a model measured on the MNIST test set or on a folder of labelled images. */
public final class Evaluations {
    private Evaluations() {
    }

    public static EvalReport onMnistTest(Path model, Path dataDir) {
        Checkpoints.Loaded loaded = Checkpoints.load(model, false);
        Evaluator.Result result = Evaluator.evaluate(loaded.network(), MnistData.test(dataDir));
        return EvalReport.of(LenetHome.display(model), result.evaluation(), java.util.List.of());
    }

    public static EvalReport onImages(Path model, Path imagesDir) {
        Checkpoints.Loaded loaded = Checkpoints.load(model, false);
        LabelledImages.Loaded images = LabelledImages.load(imagesDir);
        Evaluator.Result result = Evaluator.evaluate(loaded.network(), images.data());
        return EvalReport.of(LenetHome.display(model), result.evaluation(), images.skipped());
    }
}
