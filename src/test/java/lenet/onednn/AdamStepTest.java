package lenet.onednn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.model.LeNet5;
import lenet.testing.MnistImages;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * lenet's Adam step against DL4J's: ND4J's own {@code adam_updater} op for the arithmetic, over thousands of
 * iterations, and DL4J's {@code fit} (its updater, its minibatch division, its parameter step) for a whole training
 * run's bookkeeping, bit for bit.
 */
class AdamStepTest {
    private static DataSet test;

    @BeforeAll
    static void load() {
        test = DatasetFiles.read(Dataset.MNIST, MnistImages.SHIPPED_DATA, false).all();
    }

    /**
     * ND4J's op, as DL4J's updater runs it, for every iteration to 6,000 (a training run of 10 epochs takes 4,690 steps)
     * and some to 20,000: the same update, m and v, bit for bit. (Java's pow, rounded to float, first differs from the
     * op's at iteration 3,605.)
     */
    @Test
    void eachIterationIsNd4jsAdamOpBitForBit() {
        int n = 257;
        Random random = new Random(3);
        Adam config = new Adam(0.004, 0.9, 0.999, 1e-8);
        AdamStep step = new AdamStep(config, n);
        for (int iteration = 0; iteration <= 20_000; iteration += iteration < 6_000 ? 1 : 97) {
            float[] g = new float[n];
            float[] m = new float[n];
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 5));
                m[i] = (float) (random.nextGaussian() * 1e-3);
                v[i] = (float) (random.nextFloat() * 1e-5);
            }
            int batch = 1 + random.nextInt(200);
            INDArray params = Nd4j.create(g.clone()).reshape(1, n).muli(3); // any values
            INDArray expectedParams = params.dup();
            INDArray gradient = Nd4j.create(g.clone()).reshape(1, n);
            INDArray expectedUpdate = gradient.dup().divi(batch); // DL4J's minibatch division
            INDArray state =
                    Nd4j.concat(1, Nd4j.create(m).reshape(1, n), Nd4j.create(v).reshape(1, n));
            INDArray expectedM = Nd4j.create(m.clone());
            INDArray expectedV = Nd4j.create(v.clone());
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(
                    expectedUpdate.reshape(n), expectedV, expectedM, 0.004, 0.9, 0.999, 1e-8, iteration));
            expectedParams.subi(expectedUpdate);

            step.apply(params, gradient, state, iteration, 0, batch);

            String at = "iteration " + iteration;
            assertThat(gradient.data().asFloat())
                    .as(at)
                    .isEqualTo(expectedUpdate.data().asFloat());
            assertThat(params.data().asFloat())
                    .as(at)
                    .isEqualTo(expectedParams.data().asFloat());
            assertThat(state.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, n))
                            .dup()
                            .data()
                            .asFloat())
                    .as(at)
                    .isEqualTo(expectedM.data().asFloat());
            assertThat(state.get(NDArrayIndex.point(0), NDArrayIndex.interval(n, 2 * n))
                            .dup()
                            .data()
                            .asFloat())
                    .as(at)
                    .isEqualTo(expectedV.data().asFloat());
        }
    }

    /**
     * Two copies of a network three steps into training, one taking lenet's Adam step and one DL4J's {@code fit} (a
     * DL4J listener sends it there), over uneven batches and a new epoch's learning rate: the same parameters, Adam
     * state, iteration count and loss after every step.
     */
    @Test
    void trainingStepsAreDl4jsFitBitForBit() {
        MultiLayerNetwork start = new MultiLayerNetwork(LeNet5.configuration(5, 0.002, 0.7));
        start.init();
        OneDnnNetwork lenets = OneDnnNetwork.of(start.clone());
        OneDnnNetwork dl4js = OneDnnNetwork.of(start.clone());
        int[] listened = {0};
        dl4js.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
                listened[0]++;
            }
        });
        assertThat(AdamStep.of(lenets)).isNotNull();
        int[] sizes = {64, 64, 64, 128, 37, 128, 100, 1};
        int from = 0;
        for (int s = 0; s < 24; s++) {
            if (s == 12) { // a new epoch: the schedule's next learning rate
                lenets.setEpochCount(1);
                dl4js.setEpochCount(1);
            }
            int size = sizes[s % sizes.length];
            DataSet batch =
                    new DataSet(rows(test.getFeatures(), from, from + size), rows(test.getLabels(), from, from + size));
            from += size;
            lenets.fit(batch);
            dl4js.fit(batch);

            String at = "step " + s;
            assertThat(lenets.params().data().asFloat())
                    .as(at)
                    .isEqualTo(dl4js.params().data().asFloat());
            assertThat(lenets.getUpdater().getStateViewArray().data().asFloat())
                    .as(at)
                    .isEqualTo(dl4js.getUpdater().getStateViewArray().data().asFloat());
            assertThat(lenets.getIterationCount())
                    .as(at)
                    .isEqualTo(dl4js.getIterationCount())
                    .isEqualTo(s + 1);
            assertThat(lenets.score()).as(at).isEqualTo(dl4js.score());
        }
        assertThat(listened[0]).as("steps through DL4J's fit").isEqualTo(24);
    }

    /** What DL4J's updater would do besides Adam, or instead of it, is left to DL4J. */
    @Test
    void otherUpdatersAndRegularisationAreLeftToDl4j() {
        assertThat(AdamStep.of(network(LeNet5.configuration(5, 0.002, 0.7)))).isNotNull();

        MultiLayerConfiguration sgd = LeNet5.configuration(5, 0.002, 0.7);
        sgd.getConfs().forEach(c -> {
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {
                layer.setIUpdater(new Sgd(0.01));
            }
        });
        assertThat(AdamStep.of(network(sgd))).isNull();

        MultiLayerConfiguration l2 = LeNet5.configuration(5, 0.002, 0.7);
        if (l2.getConf(2).getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {
            layer.setRegularization(
                    java.util.List.of(new org.nd4j.linalg.learning.regularization.L2Regularization(1e-4)));
        }
        assertThat(AdamStep.of(network(l2))).isNull();
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration configuration) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        assertThat(network.params().dataType()).isEqualTo(DataType.FLOAT);
        return network;
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
