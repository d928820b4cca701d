package lenet.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
