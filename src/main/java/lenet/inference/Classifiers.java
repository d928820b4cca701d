package lenet.inference;

import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.compute.ComputePath;
import lenet.core.FileNames;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.model.Classes;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The one place that opens a {@code --model} for eval, predict and serve: a lenet checkpoint or an ONNX file. */
public final class Classifiers {
    /** {@link Classifier#runtime()} of an ONNX model. */
    public static final String ONNX_RUNTIME = "onnxruntime";

    private Classifiers() {}

    /**
     * @param normalize {@code --normalize} or {@code --input-range 255}, or null: an ONNX file's own scaling when lenet
     *                  wrote it, else pixel/255 with ink = 1
     */
    public static Classifier load(Path model, Normalize normalize) {
        if (FileNames.isOnnx(model)) {
            return OnnxClassifier.load(model, normalize);
        }
        if (normalize != null) {
            throw LenetException.badInput(LenetHome.display(model) + ": --normalize and --input-range are for ONNX "
                    + "models; a lenet model records its own input scaling");
        }
        Checkpoints.Loaded loaded = Checkpoints.load(model, false);
        Classifier network = Classifier.of(loaded.network(), loaded.metadata().classes());
        return new Classifier() { // the network is this classifier's own: closing it frees the network's memory
            @Override
            public INDArray probabilities(INDArray features) {
                return network.probabilities(features);
            }

            @Override
            public Classes classes() {
                return network.classes();
            }

            @Override
            public String runtime() {
                return network.runtime();
            }

            @Override
            public void close() {
                ComputePath.release(loaded.network());
            }
        };
    }
}
