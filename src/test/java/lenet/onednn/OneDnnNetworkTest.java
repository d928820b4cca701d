package lenet.onednn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lenet.compute.ComputePath;
import lenet.core.StopSignal;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import lenet.model.LeNet5;
import lenet.testing.MnistImages;
import lenet.testing.SystemPropertyGuard;
import lenet.training.TrainOptions;
import lenet.training.TrainResult;
import lenet.training.Trainer;
import lenet.training.TrainingListener;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * lenet's oneDNN network against oracles that share none of its code: DL4J's own layers with DL4J's oneDNN helpers
 * off (im2col and DL4J's kernels), and central finite differences of that network's loss in double precision. The
 * kernels differ by CPU, so this runs again as AVX2 and SSE4.1 CPUs in CI.
 */
@Tag("cpu-sensitive")
class OneDnnNetworkTest {
    @RegisterExtension
    final SystemPropertyGuard helpers = new SystemPropertyGuard(Dl4jHelpers.DISABLE_PROPERTY);

    @RegisterExtension
    final SystemPropertyGuard compute = new SystemPropertyGuard(ComputePath.PROPERTY);

    private static DataSet test;

    @BeforeAll
    static void load() {
        test = DatasetFiles.read(Dataset.MNIST, MnistImages.SHIPPED_DATA, false).all();
    }

    /** LeNet-5 on DL4J's own layers: its oneDNN helpers off while the layers are built. */
    private static MultiLayerNetwork plainDl4j(long seed) {
        String before = System.getProperty(Dl4jHelpers.DISABLE_PROPERTY);
        System.setProperty(Dl4jHelpers.DISABLE_PROPERTY, "true");
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(seed, 0.002, 0.7));
        network.init();
        if (before == null) {
            System.clearProperty(Dl4jHelpers.DISABLE_PROPERTY);
        } else {
            System.setProperty(Dl4jHelpers.DISABLE_PROPERTY, before);
        }
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                assertThat(conv.getHelper())
                        .as("DL4J's oneDNN helper in the oracle")
                        .isNull();
            }
        }
        return network;
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** A network some steps into training, so that no layer is at its zero-bias start. */
    private static MultiLayerNetwork trained(long seed) {
        MultiLayerNetwork network = plainDl4j(seed);
        for (int i = 0; i < 3; i++) {
            network.fit(new DataSet(
                    rows(test.getFeatures(), 64 * i, 64 * i + 64), rows(test.getLabels(), 64 * i, 64 * i + 64)));
        }
        return network;
    }

    @Test
    void runsOnTheCpuBackend() {
        assertThat(OneDnnNetwork.unavailableBecause()).isNull();
        assertThat(OneDnnNetwork.layout(plainDl4j(1))).hasSize(5);
    }

    /**
     * Loss to 1e-5 of itself, gradients to 1e-4 of their norm, per layer: float32 sums in another order. An odd batch
     * too: the gradients are the sums of the batch's halves' (64 and 64; 38 and 39; BatchHalves).
     */
    @ParameterizedTest
    @ValueSource(ints = {128, 77})
    void gradientsAndLossAreThoseOfDl4jsOwnLayers(int batch) {
        MultiLayerNetwork reference = trained(7);
        OneDnnNetwork fast = OneDnnNetwork.of(reference.clone());
        INDArray features = rows(test.getFeatures(), 1000, 1000 + batch);
        INDArray labels = rows(test.getLabels(), 1000, 1000 + batch).mul(0.9).addi(0.01); // smoothed, as training does

        reference.setInput(features);
        reference.setLabels(labels);
        reference.computeGradientAndScore();
        fast.setInput(features);
        fast.setLabels(labels);
        fast.computeGradientAndScore();

        assertThat(fast.score()).isCloseTo(reference.score(), within(1e-5 * reference.score()));
        for (String key : reference.gradient().gradientForVariable().keySet()) {
            INDArray e = reference.gradient().getGradientFor(key);
            INDArray a = fast.gradient().getGradientFor(key);
            assertThat(a.shape()).as(key).containsExactly(e.shape());
            assertThat(a.sub(e).norm2Number().doubleValue())
                    .as(key)
                    .isLessThan(1e-4 * Math.max(e.norm2Number().doubleValue(), 1e-6));
        }
    }

    /**
     * 120 sampled parameters (12 from each weight and bias array): the oneDNN gradient within 1e-3 of n × the central
     * difference (L(p + h) − L(p − h)) / 2h, h = 1e-6, of DL4J's mean loss L over the n images, computed in double
     * precision, plus 2e-5 for the float32 rounding of small gradients. A ReLU or max-pool switch inside ±h bends the
     * loss and spoils the difference (at h = 1e-5 one parameter in 120 was off by 0.26% for that reason alone); a
     * parameter whose differences at h and h/2 disagree beyond the tolerance is replaced by another, at most 6 times.
     */
    @Test
    void gradientsMatchFiniteDifferencesOfTheLoss() {
        MultiLayerNetwork trained = trained(11);
        OneDnnNetwork fast = OneDnnNetwork.of(trained.clone());
        INDArray features = rows(test.getFeatures(), 3000, 3032);
        INDArray labels = rows(test.getLabels(), 3000, 3032);
        fast.setInput(features);
        fast.setLabels(labels);
        fast.computeGradientAndScore();

        System.setProperty(Dl4jHelpers.DISABLE_PROPERTY, "true");
        MultiLayerNetwork exact = trained.convertDataType(DataType.DOUBLE);
        DataSet batch = new DataSet(features.castTo(DataType.DOUBLE), labels.castTo(DataType.DOUBLE));
        Random random = new Random(5);
        int checked = 0;
        int kinks = 0;
        for (int l = 0; l < exact.getLayers().length; l++) {
            Layer layer = exact.getLayer(l);
            for (String name : List.of("W", "b")) {
                if (layer.numParams() == 0) {
                    continue;
                }
                INDArray p = layer.getParam(name); // a view of the network's parameters
                INDArray g = fast.gradient().getGradientFor(l + "_" + name);
                assertThat(g.shape()).containsExactly(p.shape());
                for (int k = 0; k < 12; ) {
                    long i = random.nextInt((int) p.length());
                    double numeric = features.size(0) * centralDifference(exact, batch, p, i, 1e-6);
                    double half = features.size(0) * centralDifference(exact, batch, p, i, 5e-7);
                    double tolerance = 1e-3 * Math.abs(numeric) + 2e-5;
                    if (Math.abs(numeric - half) > tolerance) {
                        kinks++;
                        continue;
                    }
                    // DL4J's score is the batch's mean loss; its gradients are sums, the updater divides them
                    assertThat(g.getDouble(i))
                            .as("%s %s, parameter %d", layer.conf().getLayer().getLayerName(), name, i)
                            .isCloseTo(numeric, within(tolerance));
                    checked++;
                    k++;
                }
            }
        }
        assertThat(checked).isEqualTo(120);
        assertThat(kinks).isLessThanOrEqualTo(6);
    }

    /** (L(p + h) − L(p − h)) / 2h for parameter i of p, a view of the network's parameters; p is left as it was. */
    private static double centralDifference(MultiLayerNetwork network, DataSet batch, INDArray p, long i, double h) {
        double at = p.getDouble(i);
        p.putScalar(i, at + h);
        double up = network.score(batch, false);
        p.putScalar(i, at - h);
        double down = network.score(batch, false);
        p.putScalar(i, at);
        return (up - down) / (2 * h);
    }

    /** Both ways a batch runs (OneDnnInference), whichever this CPU uses: in slices on threads of their own, or not. */
    @Test
    void outputIsDl4jsForOneImageAndForUnevenBatches() {
        MultiLayerNetwork network = trained(3);
        for (boolean sliced : new boolean[] {true, false}) {
            for (int n : new int[] {1, 3, 64, 65, 257, 1000, 1500}) {
                INDArray features = rows(test.getFeatures(), 2000, 2000 + n);
                INDArray expected = network.output(features, false);
                INDArray actual = OneDnnNetwork.output(network, features, sliced);
                assertThat(actual.shape()).containsExactly(n, 10);
                assertThat(Math.abs(actual.sub(expected).maxNumber().doubleValue()))
                        .as("n=" + n + ", sliced " + sliced)
                        .isLessThan(1e-5);
                assertThat(Math.abs(actual.sub(expected).minNumber().doubleValue()))
                        .as("n=" + n + ", sliced " + sliced)
                        .isLessThan(1e-5);
            }
        }
    }

    /**
     * A chain made on one thread and run on another gives DL4J's output: a server answers on its own thread, and
     * oneDNN's default scratch memory belongs to the thread that made a primitive (OneDnnSteps).
     */
    @Test
    void outputIsDl4jsOnAThreadThatDidNotMakeTheChain() throws Exception {
        MultiLayerNetwork network = trained(4);
        for (int n : new int[] {1, 64, 1000}) {
            INDArray features = rows(test.getFeatures(), 3000, 3000 + n);
            onANewThread(() -> OneDnnNetwork.output(network, features)); // makes the chain for n
            INDArray actual = onANewThread(() -> OneDnnNetwork.output(network, features));
            INDArray expected = network.output(features, false);
            assertThat(Math.abs(actual.sub(expected).maxNumber().doubleValue()))
                    .as("n=" + n)
                    .isLessThan(1e-5);
            assertThat(Math.abs(actual.sub(expected).minNumber().doubleValue()))
                    .as("n=" + n)
                    .isLessThan(1e-5);
        }
    }

    private static <T> T onANewThread(Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(work).get();
        } finally {
            thread.shutdown();
        }
    }

    /**
     * Two epochs on 3,000 images, the same seed, through lenet's two switches: {@code -Dlenet.compute=dl4j} (DL4J's
     * own layers for training and validation) against lenet's oneDNN network. Float sums in another order make the
     * runs drift apart step by step; their epoch losses stay within 1% of each other, their validation accuracies
     * within 1.5 points.
     */
    @Test
    void aTwoEpochRunTrainsAsDl4jsOwnLayersDo(@TempDir Path dir) {
        HyperParameters hp = HyperParameters.plain()
                .epochs(2)
                .batchSize(64)
                .learningRate(0.002)
                .seed(21)
                .valSize(1000)
                .limit(3000)
                .build();
        System.setProperty(ComputePath.PROPERTY, "dl4j");
        TrainResult dl4j = train(hp, dir.resolve("dl4j.zip"));
        System.setProperty(ComputePath.PROPERTY, "auto");
        System.clearProperty(Dl4jHelpers.DISABLE_PROPERTY);
        TrainResult onednn = train(hp, dir.resolve("onednn.zip"));

        assertThat(dl4j.computePath()).isEqualTo(ComputePath.DL4J);
        assertThat(onednn.computePath()).isEqualTo(ComputePath.LENET_ONEDNN);
        for (int e = 0; e < 2; e++) {
            EpochMetrics a = onednn.epochs().get(e);
            EpochMetrics b = dl4j.epochs().get(e);
            assertThat(a.trainLoss()).as("epoch %d loss", e + 1).isCloseTo(b.trainLoss(), within(0.01 * b.trainLoss()));
            assertThat(a.valAccuracy()).as("epoch %d accuracy", e + 1).isCloseTo(b.valAccuracy(), within(0.015));
        }
    }

    private static TrainResult train(HyperParameters hp, Path output) {
        return Trainer.train(
                new TrainOptions(hp, MnistImages.source(), output), null, new TrainingListener() {}, StopSignal.none());
    }
}
