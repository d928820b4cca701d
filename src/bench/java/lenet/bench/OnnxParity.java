package lenet.bench;

import java.nio.file.Path;
import java.util.Locale;
import lenet.checkpoint.Checkpoints;
import lenet.core.NativeMemory;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.inference.Classifier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A lenet model and its {@code lenet export} file on the 10,000 MNIST test images: lenet's own network against ONNX
 * Runtime called directly (2 threads, {@link OrtRun}), in batches of 1,000. Prints one JSON object: images, same digit, largest
 * probability difference, both accuracies.
 *
 * <p>Usage: {@code OnnxParity MODEL.zip MODEL.onnx DATA_DIR}
 */
public final class OnnxParity {
    private OnnxParity() {}

    public static void main(String[] args) throws Exception {
        NativeMemory.configure();
        MultiLayerNetwork network = Checkpoints.load(Path.of(args[0]), false).network();
        DataSet test = DatasetFiles.read(Dataset.MNIST, Path.of(args[2]), false).all();
        Classifier lenet = Classifier.of(network);
        int n = test.numExamples();
        int same = 0;
        int lenetRight = 0;
        int ortRight = 0;
        double worst = 0;
        float[] images = test.getFeatures().dup('c').data().asFloat();
        try (OrtRun ort = new OrtRun(Path.of(args[1]), 2)) {
            for (int from = 0; from < n; from += 1_000) {
                INDArray x = test.getFeatures().get(NDArrayIndex.interval(from, from + 1_000), NDArrayIndex.all());
                float[][] ours = lenet.probabilities(x).toFloatMatrix();
                float[][] theirs = ort.run(images, from * 784, 1_000);
                for (int i = 0; i < ours.length; i++) {
                    int label = test.getLabels().getRow(from + i).argMax().getInt(0);
                    int a = Inference.digit(ours[i], 0);
                    int b = Inference.digit(theirs[i], 0);
                    same += a == b ? 1 : 0;
                    lenetRight += a == label ? 1 : 0;
                    ortRight += b == label ? 1 : 0;
                    for (int c = 0; c < 10; c++) {
                        worst = Math.max(worst, Math.abs(ours[i][c] - theirs[i][c]));
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "{\"images\": %d, \"same_digit\": %d, \"max_probability_difference\": %.3g, \"lenet_accuracy\": %.4f, "
                        + "\"onnxruntime_accuracy\": %.4f, \"compute_path\": \"%s\"}%n",
                n,
                same,
                worst,
                lenetRight / (double) n,
                ortRight / (double) n,
                lenet.runtime());
    }
}
