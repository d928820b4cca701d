package lenet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class LeNet5Test {

    private static MultiLayerNetwork network() {
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(42, 0.001, 0.7));
        network.init();
        return network;
    }

    @Test
    void hasLeNet5ShapeAndParameterCount() {
        MultiLayerNetwork network = network();

        assertThat(network.numParams()).isEqualTo(LeNet5.PARAMETERS).isEqualTo(61_706L);
        assertThat(network.getnLayers()).isEqualTo(7);
        // conv1 5x5x1x6+6, conv2 5x5x6x16+16, fc1 400x120+120, fc2 120x84+84, output 84x10+10
        assertThat(network.getLayer(0).numParams()).isEqualTo(156);
        assertThat(network.getLayer(2).numParams()).isEqualTo(2_416);
        assertThat(network.getLayer(4).numParams()).isEqualTo(48_120);
        assertThat(network.getLayer(5).numParams()).isEqualTo(10_164);
        assertThat(network.getLayer(6).numParams()).isEqualTo(850);
        assertThat(((ConvolutionLayer) network.getLayer(0).conf().getLayer()).getKernelSize())
                .containsExactly(5, 5);
    }

    @Test
    void mapsFlatImagesToTenProbabilities() {
        INDArray images = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, InputScaling.PIXELS);

        INDArray out = network().output(images);

        assertThat(out.shape()).containsExactly(3, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(out.getRow(i).sumNumber().doubleValue())
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    private static double rateIn(MultiLayerConfiguration configuration, int epoch) {
        Adam adam = (Adam) ((BaseLayer) configuration.getConf(0).getLayer()).getIUpdater();
        return adam.getLearningRateSchedule().valueAt(0, epoch);
    }

    @Test
    void learningRateFollowsTheRunsSchedule() {
        HyperParameters exponential = HyperParameters.plain()
                .epochs(10)
                .learningRate(0.002)
                .gamma(0.8)
                .seed(1)
                .valSize(0)
                .workers(2)
                .build();
        HyperParameters cosine = HyperParameters.plain()
                .learningRate(0.002)
                .gamma(0.8)
                .seed(1)
                .valSize(0)
                .schedule(HyperParameters.COSINE)
                .build();

        MultiLayerConfiguration e = LeNet5.configuration(exponential, 10);
        MultiLayerConfiguration c = LeNet5.configuration(cosine, 10);

        // two workers: twice the rate; epoch 3 (0-based 2): × 0.8²
        assertThat(rateIn(e, 0)).isCloseTo(0.004, within(1e-12));
        assertThat(rateIn(e, 2)).isCloseTo(0.004 * 0.64, within(1e-12));
        // 0.002 × (0.02 + 0.98 × (1 + cos(π e/10)) / 2), worked out by hand: 0.002, 0.00102, 8.7963e-5
        assertThat(rateIn(c, 0)).isCloseTo(0.002, within(1e-12));
        assertThat(rateIn(c, 5)).isCloseTo(0.00102, within(1e-12));
        assertThat(rateIn(c, 9)).isCloseTo(8.7963e-5, within(1e-8));
        // trained longer after a resume: the last epoch's rate
        assertThat(rateIn(c, 12)).isEqualTo(rateIn(c, 9));
    }

    @Test
    void sameSeedSameInitialWeights() {
        assertThat(network().params()).isEqualTo(network().params());
        MultiLayerNetwork other = new MultiLayerNetwork(LeNet5.configuration(43, 0.001, 0.7));
        other.init();
        assertThat(other.params()).isNotEqualTo(network().params());
    }

    @Test
    void scalingMapsTheGreyRangeToUnitInterval() {
        assertThat(InputScaling.scale(0)).isZero();
        assertThat(InputScaling.scale(255)).isEqualTo(1f);
        assertThat(InputScaling.scale(51)).isEqualTo(0.2f);
    }
}
