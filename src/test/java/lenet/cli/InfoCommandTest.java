package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import lenet.testing.TestModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path home;

    String previousHome;

    @BeforeEach
    void emptyHome() {
        previousHome = System.getProperty("lenet.home");
        System.setProperty("lenet.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("lenet.home", previousHome);
    }

    private static Path shippedData() {
        return lenet.testing.MnistImages.SHIPPED_DATA;
    }

    @Test
    void freshTreeShowsBackendThreadsDataAndNoModels() {
        CliRun run = CliRun.of("info", "--data-dir", shippedData().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("lenet      0.1.0", "DL4J       1.0.0-M2.1", "Java       17")
                .contains("backend    CPU (requested: auto; CUDA backend in this build: no)")
                .containsPattern("BLAS       OPENBLAS, [A-Z][A-Za-z0-9_]+ kernels\\R")
                .containsPattern("oneDNN     yes \\(convolution and pooling\\), Intel (SSE4\\.1|AVX)")
                .contains("GPU        none in use")
                .containsPattern("data       mnist in \\S*data/mnist: present, verified")
                .contains("models     none yet (train one with: lenet train)");
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(run.out()).contains("threads    ND4J " + cores + ", BLAS 1 (cores available: " + cores + ")");
    }

    @Test
    void afterTrainingListsTheModelsWithTheirMetadataAndTheNetwork() throws Exception {
        Files.createDirectories(home.resolve("models"));
        Files.copy(TestModel.path(), home.resolve("models/lenet.zip"));
        Files.writeString(home.resolve("models/broken.zip"), "not a zip");

        CliRun run = CliRun.of(
                "info",
                "--model",
                "lenet.zip",
                "--data-dir",
                home.resolve("nowhere").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("broken.zip: not a lenet checkpoint (not a zip file)")
                .containsPattern(
                        "lenet\\.zip: mnist \\(10 classes\\), test \\d+\\.\\d\\d%, validation \\d+\\.\\d\\d%, 2 epochs, 20\\d\\d-")
                .contains("nowhere: missing (no such folder)")
                .contains(": 61,706 parameters", "conv1 (ConvolutionLayer)", "Total Parameters:  61,706");
    }

    @Test
    void jsonIsOneObjectWithTheSameFacts() throws Exception {
        CliRun run = CliRun.of(
                "--threads", "1", "info", "--json", "--data-dir", shippedData().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        JsonNode info = new ObjectMapper().readTree(run.out());
        assertThat(info.get("backend").get("loaded").asText()).isEqualTo("CPU");
        assertThat(info.get("backend").get("cuda_in_build").asBoolean()).isFalse();
        assertThat(info.get("backend").get("onednn").asBoolean()).isTrue();
        assertThat(info.get("threads").get("nd4j").asInt()).isEqualTo(1);
        assertThat(info.get("threads").get("blas").asInt()).isEqualTo(1);
        assertThat(info.get("data")).hasSize(1);
        assertThat(info.get("data").get(0).get("dataset").asText()).isEqualTo("mnist");
        assertThat(info.get("data").get(0).get("state").asText()).isEqualTo("present, verified");
        assertThat(info.get("models")).isEmpty();
        assertThat(info.has("network")).isTrue();
        assertThat(info.get("network").isNull()).isTrue();
    }

    @Test
    void gpuOnACpuOnlyBuildFailsCleanly() {
        CliRun run = CliRun.of("--backend", "gpu", "info");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("lenet: --backend gpu: this lenet build has no CUDA backend");
    }

    @Test
    void cpuIsHonouredAndReported() {
        CliRun run = CliRun.of("info", "--backend=cpu");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("backend    CPU (requested: cpu;");
    }

    @Test
    void badBackendAndThreadsAreUsageErrors() {
        CliRun backend = CliRun.of("--backend", "tpu", "info");
        CliRun threads = CliRun.of("--threads", "0", "info");

        assertThat(backend.exitCode()).isEqualTo(2);
        assertThat(backend.errLines()).singleElement().asString().contains("'--backend'", "tpu");
        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.errLines())
                .singleElement()
                .asString()
                .contains("Invalid value for option '--threads': 0 (must be at least 1)");
    }
}
