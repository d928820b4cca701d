package lenet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import lenet.data.MnistData;
import lenet.testing.MnistImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The oneDNN path against DL4J's own layers, the oracle: the same network, the same images, DL4J's
 * {@code computeGradientAndScore} and {@code output}.
 */
class OneDnnNetworkTest {
    private static DataSet test;

    @BeforeAll
    static void load() {
        test = MnistData.test(MnistImages.SHIPPED_DATA);
    }

    private static MultiLayerNetwork dl4j(long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(seed, 0.002, 0.7));
        network.init();
        return network;
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    @Test
    void isAvailableOnTheCpuBackend() {
        assertThat(OneDnnNetwork.available()).isTrue();
        assertThat(OneDnnNetwork.layout(dl4j(1))).hasSize(5);
    }

    @Test
    void gradientsAndScoreAreDl4jsOnABatch() {
        MultiLayerNetwork reference = dl4j(7);
        // a few DL4J steps first, so that no layer is at its zero-bias start
        for (int i = 0; i < 3; i++) {
            reference.fit(new DataSet(
                    rows(test.getFeatures(), 64 * i, 64 * i + 64), rows(test.getLabels(), 64 * i, 64 * i + 64)));
        }
        OneDnnNetwork fast = OneDnnNetwork.of(reference.clone());
        INDArray features = rows(test.getFeatures(), 1000, 1128);
        INDArray labels = rows(test.getLabels(), 1000, 1128).mul(0.9).addi(0.01); // smoothed, as training does

        reference.setInput(features);
        reference.setLabels(labels);
        reference.computeGradientAndScore();
        fast.setInput(features);
        fast.setLabels(labels);
        fast.computeGradientAndScore();

        assertThat(fast.score()).isCloseTo(reference.score(), within(1e-5 * reference.score()));
        INDArray expected = reference.getFlattenedGradients();
        INDArray actual = fast.getFlattenedGradients();
        double scale = expected.norm2Number().doubleValue();
        assertThat(actual.sub(expected).norm2Number().doubleValue()).isLessThan(1e-4 * scale);
        for (String key : reference.gradient().gradientForVariable().keySet()) {
            INDArray e = reference.gradient().getGradientFor(key);
            INDArray a = fast.gradient().getGradientFor(key);
            assertThat(a.shape()).as(key).containsExactly(e.shape());
            assertThat(a.sub(e).norm2Number().doubleValue())
                    .as(key)
                    .isLessThan(1e-4 * Math.max(e.norm2Number().doubleValue(), 1e-6));
        }
    }

    @Test
    void outputIsDl4jsForOneImageAndForUnevenBatches() {
        MultiLayerNetwork network = dl4j(3);
        network.fit(new DataSet(rows(test.getFeatures(), 0, 128), rows(test.getLabels(), 0, 128)));
        for (int n : new int[] {1, 3, 64, 1000, 1500}) {
            INDArray features = rows(test.getFeatures(), 2000, 2000 + n);
            INDArray expected = network.output(features, false);
            INDArray actual = OneDnnNetwork.output(network, features);
            assertThat(actual.shape()).containsExactly(n, 10);
            assertThat(Math.abs(actual.sub(expected).maxNumber().doubleValue()))
                    .as("n=" + n)
                    .isLessThan(1e-5);
            assertThat(Math.abs(actual.sub(expected).minNumber().doubleValue()))
                    .as("n=" + n)
                    .isLessThan(1e-5);
        }
    }
}
