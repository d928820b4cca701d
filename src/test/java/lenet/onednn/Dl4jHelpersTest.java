package lenet.onednn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.model.LeNet5;
import lenet.testing.SystemPropertyGuard;
import lenet.testing.TestModel;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The build ships ND4J's oneDNN natives and lenet turns DL4J's oneDNN helpers on: without both, training is
 * several times slower (src/site/markdown/performance.md). These tests fail if a dependency or DL4J change
 * quietly switches them off.
 */
@Tag("cpu-sensitive")
class Dl4jHelpersTest {
    @RegisterExtension
    final SystemPropertyGuard property = new SystemPropertyGuard(Dl4jHelpers.DISABLE_PROPERTY);

    @Test
    void theCpuBackendLoadedIsTheOneDnnBuild() {
        assertThat(Dl4jHelpers.available()).isTrue();
    }

    @Test
    void newAndRestoredNetworksConvolveThroughOneDnn(@TempDir Path dir) {
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(1, 0.002, 0.7));
        network.init();
        assertThat(convolvesWithOneDnn(network)).isTrue();

        Path model = TestModel.untrained(dir.resolve("m.zip"));
        MultiLayerNetwork restored = Checkpoints.load(model, false).network();
        assertThat(convolvesWithOneDnn(restored)).isTrue();

        // and the helper computes what DL4J's own convolution computes
        INDArray input = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 784);
        INDArray viaOneDnn = restored.output(input);
        System.setProperty(Dl4jHelpers.DISABLE_PROPERTY, "true");
        MultiLayerNetwork plain = Checkpoints.load(model, false).network();
        assertThat(convolvesWithOneDnn(plain)).isFalse();
        assertThat(plain.output(input).equalsWithEps(viaOneDnn, 1e-5)).isTrue();
    }

    @Test
    void aUserWhoTurnedTheHelpersOffIsObeyed() {
        System.setProperty(Dl4jHelpers.DISABLE_PROPERTY, "true");
        Dl4jHelpers.enable();
        assertThat(System.getProperty(Dl4jHelpers.DISABLE_PROPERTY)).isEqualTo("true");
        assertThat(Dl4jHelpers.available()).as("what lenet info reports").isFalse();
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(1, 0.002, 0.7));
        network.init();
        assertThat(convolvesWithOneDnn(network)).isFalse();
    }

    /** Whether the network's first convolution layer holds DL4J's oneDNN helper. */
    private static boolean convolvesWithOneDnn(MultiLayerNetwork network) {
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                return conv.getHelper() instanceof MKLDNNConvHelper;
            }
        }
        return false;
    }
}
