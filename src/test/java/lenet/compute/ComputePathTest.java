package lenet.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import lenet.core.LenetException;
import lenet.testing.SystemPropertyGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one decision of which code computes, and every fallback it can take, each with its warning. */
class ComputePathTest {
    @RegisterExtension
    final SystemPropertyGuard property = new SystemPropertyGuard(ComputePath.PROPERTY);

    private static final Supplier<String> FINE = () -> null;

    @Test
    void autoTakesLenetsOneDnnWithOneWorkerDl4jsWithSeveralAndCudaOnCuda() {
        assertThat(ComputePath.choose("auto", true, 1, FINE, FINE))
                .isEqualTo(new ComputePath.Choice(ComputePath.LENET_ONEDNN, null, false));
        assertThat(ComputePath.choose("auto", true, 4, FINE, FINE))
                .isEqualTo(new ComputePath.Choice(ComputePath.DL4J_ONEDNN, null, false));
        assertThat(ComputePath.choose("auto", false, 1, FINE, FINE))
                .isEqualTo(new ComputePath.Choice(ComputePath.CUDA, null, false));
        assertThat(ComputePath.choose("DL4J", true, 1, FINE, FINE))
                .isEqualTo(new ComputePath.Choice(ComputePath.DL4J, null, true));
    }

    @Test
    void autoTakesWhatRunsHereWithoutAWarningAndKeepsTheReasonForInfo() {
        ComputePath.Choice noOneDnn =
                ComputePath.choose("auto", true, 1, () -> "the oneDNN library did not load (x)", FINE);
        assertThat(noOneDnn.path()).isEqualTo(ComputePath.DL4J_ONEDNN);
        assertThat(noOneDnn.fallback())
                .isEqualTo("lenet-onednn cannot run: the oneDNN library did not load (x); computing with dl4j-onednn "
                        + "(DL4J's layers with its oneDNN helpers) instead");
        assertThat(noOneDnn.warning()).isNull();

        // macOS and Linux on arm64: neither lenet's oneDNN network nor DL4J's oneDNN helpers
        ComputePath.Choice nothing = ComputePath.choose("auto", true, 1, () -> "no oneDNN", () -> "no helpers");
        assertThat(nothing.path()).isEqualTo(ComputePath.DL4J);
        assertThat(nothing.fallback())
                .startsWith("lenet-onednn cannot run: no oneDNN, and no helpers; computing with dl4j ");
        assertThat(nothing.warning()).isNull();
        assertThat(ComputePath.choose("auto", true, 2, () -> "no oneDNN", () -> "no helpers"))
                .extracting(ComputePath.Choice::path, ComputePath.Choice::warning)
                .containsExactly(ComputePath.DL4J, null);
    }

    @Test
    void aPathAskedForByNameThatCannotRunFallsBackWithOneLineSayingWhy() {
        ComputePath.Choice named = ComputePath.choose("lenet-onednn", true, 1, () -> "no oneDNN", () -> "no helpers");
        assertThat(named.path()).isEqualTo(ComputePath.DL4J);
        assertThat(named.warning())
                .isEqualTo("lenet-onednn cannot run: no oneDNN, and no helpers; computing with dl4j (DL4J's own"
                        + " layers, without oneDNN) instead");

        ComputePath.Choice workers = ComputePath.choose("lenet-onednn", true, 2, FINE, FINE);
        assertThat(workers.path()).isEqualTo(ComputePath.DL4J_ONEDNN);
        assertThat(workers.warning()).contains("--workers 2 trains replicas of DL4J's layers");

        ComputePath.Choice cudaOnCpu = ComputePath.choose("cuda", true, 1, FINE, FINE);
        assertThat(cudaOnCpu.path()).isEqualTo(ComputePath.LENET_ONEDNN);
        assertThat(cudaOnCpu.warning()).startsWith("cuda cannot run: the CPU backend is loaded, not CUDA");

        ComputePath.Choice cpuOnCuda = ComputePath.choose("dl4j", false, 1, FINE, FINE);
        assertThat(cpuOnCuda.path()).isEqualTo(ComputePath.CUDA);
        assertThat(cpuOnCuda.warning()).isEqualTo("dl4j runs on the CPU backend only; the CUDA backend is loaded");
    }

    @Test
    void onlyTheOneDnnPathsUseOneDnnsKernels() {
        assertThat(ComputePath.values())
                .filteredOn(ComputePath::usesOneDnn)
                .containsExactlyInAnyOrder(ComputePath.LENET_ONEDNN, ComputePath.DL4J_ONEDNN);
    }

    @Test
    void anUnknownPathIsBadInput() {
        assertThatThrownBy(() -> ComputePath.choose("fast", true, 1, FINE, FINE))
                .isInstanceOf(LenetException.class)
                .hasMessage("-Dlenet.compute=fast: no such compute path; choose auto, lenet-onednn, dl4j-onednn, dl4j "
                        + "or cuda");
    }

    @Test
    void thisProcessTakesLenetsOneDnnAndFollowsTheProperty() {
        assertThat(ComputePath.forInference()).isEqualTo(new ComputePath.Choice(ComputePath.LENET_ONEDNN, null, false));
        System.setProperty(ComputePath.PROPERTY, "dl4j-onednn");
        assertThat(ComputePath.forInference().path()).isEqualTo(ComputePath.DL4J_ONEDNN);
        System.setProperty(ComputePath.PROPERTY, "lenet-onednn");
        assertThat(ComputePath.choose(3).warning()).contains("--workers 3");
    }

    @Test
    void releaseFreesTheNetworksArraysAtOnce() {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork network = lenet.testing.TestModel.untrainedNetwork();
        org.nd4j.linalg.api.ndarray.INDArray images = org.nd4j.linalg.factory.Nd4j.rand(3, 784);
        assertThat(ComputePath.forInference().path().output(network, images).rows())
                .isEqualTo(3);
        ComputePath.release(network);
        assertThat(network.params().wasClosed())
                .as("the parameters' native memory is freed")
                .isTrue();
    }
}
