package lenet.core;

import static lenet.core.BackendChoice.Requested.AUTO;
import static lenet.core.BackendChoice.Requested.CPU;
import static lenet.core.BackendChoice.Requested.GPU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendChoiceTest {

    @Test
    void flagWinsOverEnvironmentWhichWinsOverAuto() {
        assertThat(BackendChoice.requested(CPU, Map.of("LENET_BACKEND", "gpu"))).isEqualTo(CPU);
        assertThat(BackendChoice.requested(null, Map.of("LENET_BACKEND", "GPU")))
                .isEqualTo(GPU);
        assertThat(BackendChoice.requested(null, Map.of("LENET_BACKEND", " cpu ")))
                .isEqualTo(CPU);
        assertThat(BackendChoice.requested(null, Map.of())).isEqualTo(AUTO);
        assertThat(BackendChoice.requested(null, Map.of("LENET_BACKEND", ""))).isEqualTo(AUTO);
    }

    @Test
    void badEnvironmentValueIsOneLine() {
        assertThatThrownBy(() -> BackendChoice.requested(null, Map.of("LENET_BACKEND", "tpu")))
                .isInstanceOf(LenetException.class)
                .hasMessage("LENET_BACKEND=tpu: not a backend (expected auto, cpu or gpu)");
    }

    @Test
    void flagIsFoundAnywhereInTheArguments() {
        assertThat(BackendChoice.flagIn(new String[] {"--backend", "cpu", "info"}))
                .isEqualTo(CPU);
        assertThat(BackendChoice.flagIn(new String[] {"train", "--epochs", "1", "--backend=gpu"}))
                .isEqualTo(GPU);
        assertThat(BackendChoice.flagIn(new String[] {"train", "--epochs", "1"}))
                .isNull();
        assertThat(BackendChoice.flagIn(new String[] {"--backend", "tpu"})).isNull();
        assertThat(BackendChoice.flagIn(new String[] {"predict", "--", "--backend", "cpu"}))
                .isNull();
    }

    @Test
    void aCpuOnlyBuildNeverRelaunches() {
        for (BackendChoice.Requested r : BackendChoice.Requested.values()) {
            assertThat(BackendChoice.relaunchEnvironment(r, false, Map.of())).isNull();
        }
    }

    @Test
    void withCudaInTheBuildCpuRelaunchesWithCpuFirst() {
        assertThat(BackendChoice.relaunchEnvironment(CPU, true, Map.of()))
                .containsExactly(Map.entry("BACKEND_PRIORITY_CPU", "1100"));
        assertThat(BackendChoice.relaunchEnvironment(CPU, true, Map.of("BACKEND_PRIORITY_GPU", "500")))
                .containsExactly(Map.entry("BACKEND_PRIORITY_CPU", "1500"));
        // already ordered: no second JVM
        assertThat(BackendChoice.relaunchEnvironment(CPU, true, Map.of("BACKEND_PRIORITY_CPU", "1100")))
                .isNull();
    }

    @Test
    void withCudaInTheBuildGpuRelaunchesOnlyWhenCpuWasPutFirst() {
        assertThat(BackendChoice.relaunchEnvironment(GPU, true, Map.of())).isNull();
        assertThat(BackendChoice.relaunchEnvironment(GPU, true, Map.of("BACKEND_PRIORITY_CPU", "200")))
                .containsExactly(Map.entry("BACKEND_PRIORITY_GPU", "1200"));
        assertThat(BackendChoice.relaunchEnvironment(AUTO, true, Map.of("BACKEND_PRIORITY_CPU", "200")))
                .isNull();
    }

    @Test
    void gpuWithoutCudaInTheBuildFailsBeforeNd4jIsTouched() {
        assertThatThrownBy(() -> BackendChoice.checkBuild(GPU, false))
                .isInstanceOf(LenetException.class)
                .hasMessageStartingWith("--backend gpu: this lenet build has no CUDA backend")
                .satisfies(e -> assertThat(((LenetException) e).exitCode()).isEqualTo(2));
        BackendChoice.checkBuild(GPU, true);
        BackendChoice.checkBuild(CPU, false);
        BackendChoice.checkBuild(AUTO, false);
    }

    @Test
    void silentFallBackToCpuIsCaught() {
        assertThatThrownBy(() -> BackendChoice.verify(GPU, "CPU (OPENBLAS)"))
                .hasMessageStartingWith("--backend gpu: the CUDA backend could not start and ND4J fell back to CPU");
        assertThatThrownBy(() -> BackendChoice.verify(CPU, "CUDA"))
                .hasMessageStartingWith("--backend cpu: ND4J loaded CUDA instead");
        BackendChoice.verify(GPU, "CUDA (CUBLAS)");
        BackendChoice.verify(CPU, "CPU (OPENBLAS)");
        BackendChoice.verify(AUTO, "CPU (OPENBLAS)");
        BackendChoice.verify(AUTO, "CUDA");
    }

    @Test
    void thisBuildHasNoCuda() {
        assertThat(BackendChoice.cudaOnClasspath()).isFalse();
    }

    @Test
    void relaunchKeepsJvmOptionsClassPathAndArguments() {
        assertThat(Relaunch.command(
                        "/jdk/bin/java",
                        java.util.List.of("-Xmx1g", "-Dlenet.home=/x"),
                        "lenet.jar",
                        "lenet.Main",
                        new String[] {"--backend", "cpu", "train"}))
                .containsExactly(
                        "/jdk/bin/java",
                        "-Xmx1g",
                        "-Dlenet.home=/x",
                        "-cp",
                        "lenet.jar",
                        "lenet.Main",
                        "--backend",
                        "cpu",
                        "train");
        assertThat(Relaunch.isRelaunched(Map.of("LENET_RELAUNCHED", "1"))).isTrue();
        assertThat(Relaunch.isRelaunched(Map.of())).isFalse();
    }
}
