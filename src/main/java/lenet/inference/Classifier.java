package lenet.inference;

import lenet.compute.ComputePath;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A digit classifier as eval, predict and serve use it: inputs n × 784 in lenet's scaling (grey/255, ink = 1, as
 * {@link lenet.model.InputScaling} makes them), out come n × 10 probabilities. A lenet model or an ONNX file.
 */
public interface Classifier extends AutoCloseable {
    /** The probability of each digit, n × 10, for {@code features} n × 784. */
    INDArray probabilities(INDArray features);

    /** What runs the model, in a few words, for {@code --json} and {@code /health}: {@code lenet-onednn}, … */
    String runtime();

    /** Frees native resources; a classifier is not used after it. */
    @Override
    default void close() {}

    /** A lenet LeNet-5 on the compute path chosen for inference. */
    static Classifier of(MultiLayerNetwork network) {
        return new Classifier() {
            @Override
            public INDArray probabilities(INDArray features) {
                return ComputePath.forInference().path().output(network, features);
            }

            @Override
            public String runtime() {
                return ComputePath.forInference().path().id();
            }
        };
    }
}
