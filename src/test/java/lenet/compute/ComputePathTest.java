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
                .isEqualTo(new ComputePath.Choice(ComputePath.LENET_ONEDNN, null));
        assertThat(ComputePath.choose("auto", true, 4, FINE, FINE))
                .isEqualTo(new ComputePath.Choice(ComputePath.DL4J_ONEDNN, null));
        assertThat(ComputePath.choose("auto", false, 1, FINE, FINE))
                .isEqualTo(new ComputePath.Choice(ComputePath.CUDA, null));
        assertThat(ComputePath.choose("DL4J", true, 1, FINE, FINE))
                .isEqualTo(new ComputePath.Choice(ComputePath.DL4J, null));
    }

    @Test
    void aPathThatCannotRunFallsBackWithOneLineSayingWhy() {
        ComputePath.Choice noOneDnn =
                ComputePath.choose("auto", true, 1, () -> "the oneDNN library did not load (x)", FINE);
        assertThat(noOneDnn.path()).isEqualTo(ComputePath.DL4J_ONEDNN);
        assertThat(noOneDnn.fallback())
                .isEqualTo("lenet-onednn cannot run: the oneDNN library did not load (x); computing with dl4j-onednn "
                        + "(DL4J's layers with its oneDNN helpers) instead");

        ComputePath.Choice nothing = ComputePath.choose("auto", true, 1, () -> "no oneDNN", () -> "no helpers");
        assertThat(nothing.path()).isEqualTo(ComputePath.DL4J);
        assertThat(nothing.fallback())
                .startsWith("lenet-onednn cannot run: no oneDNN, and no helpers; computing with dl4j ");

        ComputePath.Choice workers = ComputePath.choose("lenet-onednn", true, 2, FINE, FINE);
        assertThat(workers.path()).isEqualTo(ComputePath.DL4J_ONEDNN);
        assertThat(workers.fallback()).contains("--workers 2 trains replicas of DL4J's layers");

        ComputePath.Choice cudaOnCpu = ComputePath.choose("cuda", true, 1, FINE, FINE);
        assertThat(cudaOnCpu.path()).isEqualTo(ComputePath.LENET_ONEDNN);
        assertThat(cudaOnCpu.fallback()).startsWith("cuda cannot run: the CPU backend is loaded, not CUDA");

        ComputePath.Choice cpuOnCuda = ComputePath.choose("dl4j", false, 1, FINE, FINE);
        assertThat(cpuOnCuda.path()).isEqualTo(ComputePath.CUDA);
        assertThat(cpuOnCuda.fallback()).isEqualTo("dl4j runs on the CPU backend only; the CUDA backend is loaded");
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
        assertThat(ComputePath.forInference()).isEqualTo(new ComputePath.Choice(ComputePath.LENET_ONEDNN, null));
        System.setProperty(ComputePath.PROPERTY, "dl4j-onednn");
        assertThat(ComputePath.forInference().path()).isEqualTo(ComputePath.DL4J_ONEDNN);
        System.setProperty(ComputePath.PROPERTY, "lenet-onednn");
        assertThat(ComputePath.choose(3).fallback()).contains("--workers 3");
    }
}
