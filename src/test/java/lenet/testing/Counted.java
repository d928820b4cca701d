package lenet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An oracle for evaluation: a model's confusion matrix on the MNIST test set, counted here from the network's raw
 * outputs (the largest of ten) and the labels the IDX file holds, without lenet's Evaluator or report.
 */
public final class Counted {
    private Counted() {}

    /** {@code [true digit][predicted digit]} over the 10,000 test images. */
    public static int[][] confusion(Path model) {
        MultiLayerNetwork network = Checkpoints.load(model, false).network();
        DataSet test = DatasetFiles.read(Dataset.MNIST, MnistImages.SHIPPED_DATA, false)
                .all();
        int[][] confusion = new int[10][10];
        int n = test.numExamples();
        for (int from = 0; from < n; from += 1_000) {
            INDArray features = test.getFeatures().get(NDArrayIndex.interval(from, Math.min(n, from + 1_000)));
            INDArray out = network.output(features, false);
            for (int i = 0; i < out.rows(); i++) {
                int predicted = 0;
                for (int c = 1; c < 10; c++) {
                    if (out.getDouble(i, c) > out.getDouble(i, predicted)) {
                        predicted = c;
                    }
                }
                confusion[MnistImages.label(from + i)][predicted]++;
            }
        }
        return confusion;
    }

    /**
     * Asserts that an eval report ({@code --json}, {@code report.json}) holds these counts: 10,000 images, their
     * accuracy and every cell of the confusion matrix.
     */
    public static void assertReportHolds(JsonNode report, int[][] confusion) {
        assertThat(report.get("images").asInt()).isEqualTo(10_000);
        assertThat(report.get("accuracy").asDouble()).isEqualTo(accuracy(confusion));
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                assertThat(report.get("confusion").get(t).get(p).asInt())
                        .as("true %d, predicted %d", t, p)
                        .isEqualTo(confusion[t][p]);
            }
        }
    }

    /** The share of the diagonal. */
    public static double accuracy(int[][] confusion) {
        long right = 0;
        long all = 0;
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                all += confusion[t][p];
                right += t == p ? confusion[t][p] : 0;
            }
        }
        return (double) right / all;
    }
}
