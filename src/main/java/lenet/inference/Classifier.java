package lenet.inference;

import lenet.compute.ComputePath;
import lenet.model.Classes;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier as eval, predict and serve use it: inputs n × 784 in lenet's scaling (grey/255, ink = 1, as
 * {@link lenet.model.InputScaling} makes them), out come n × K probabilities, one per class. A lenet model or an ONNX
 * file.
 */
public interface Classifier extends AutoCloseable {
    /** The probability of each class, n × K, for {@code features} n × 784. */
    INDArray probabilities(INDArray features);

    /** What the outputs are: the dataset, the class names in output order, and how a picture is framed. */
    Classes classes();

    /** What runs the model, in a few words, for {@code --json} and {@code /health}: {@code lenet-onednn}, … */
    String runtime();

    /** Frees native resources; a classifier is not used after it. */
    @Override
    default void close() {}

    /** A LeNet-5 whose classes are known only by number (as in training): 10 outputs are MNIST's digits. */
    static Classifier of(MultiLayerNetwork network) {
        int outputs = (int) network.layerSize(network.getnLayers() - 1);
        return of(
                network,
                outputs == 10
                        ? Classes.MNIST
                        : new Classes("training", Classes.numbered(outputs), Classes.Framing.DIGIT));
    }

    /** A lenet LeNet-5 of {@code classes} on the compute path chosen for inference. */
    static Classifier of(MultiLayerNetwork network, Classes classes) {
        return new Classifier() {
            @Override
            public Classes classes() {
                return classes;
            }

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
