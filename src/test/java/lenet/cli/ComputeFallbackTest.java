package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lenet.compute.ComputePath;
import lenet.onednn.Dl4jHelpers;
import lenet.testing.SystemPropertyGuard;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** -Dlenet.compute as a user meets it: the path asked for runs and is named, and a fallback is one warning line. */
class ComputeFallbackTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CUDA_ON_THE_CPU = "lenet: warning: cuda cannot run: the CPU backend is loaded, not CUDA; "
            + "computing with lenet-onednn (LeNet-5 on lenet's own oneDNN primitives) instead";

    @RegisterExtension
    final SystemPropertyGuard compute = new SystemPropertyGuard(ComputePath.PROPERTY);

    @RegisterExtension
    final SystemPropertyGuard helpers = new SystemPropertyGuard(Dl4jHelpers.DISABLE_PROPERTY);

    @TempDir
    Path dir;

    private static JsonNode evalJson(String path) throws Exception {
        System.setProperty(ComputePath.PROPERTY, path);
        CliRun run = CliRun.of("eval", "--json", "--model", TestModel.path().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).as("one JSON document").hasSize(1);
        return JSON.readTree(run.out());
    }

    @Test
    void evalOnDl4jsOwnLayersNamesThatPathAndAgreesWithLenetsOneDnn() throws Exception {
        JsonNode dl4j = evalJson("dl4j");
        JsonNode onednn = evalJson("auto");

        assertThat(dl4j.get("compute_path").asText()).isEqualTo("dl4j");
        assertThat(onednn.get("compute_path").asText()).isEqualTo("lenet-onednn");
        // the same model through independent code: float sums in another order may flip an image or two
        assertThat(onednn.get("accuracy").asDouble())
                .isCloseTo(dl4j.get("accuracy").asDouble(), within(0.002));
    }

    @Test
    void aPathThatCannotRunIsOneWarningLineAndEvalGoesOn() throws Exception {
        System.setProperty(ComputePath.PROPERTY, "cuda");
        CliRun run = CliRun.of("eval", "--json", "--model", TestModel.path().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines()).containsExactly(CUDA_ON_THE_CPU);
        assertThat(JSON.readTree(run.out()).get("compute_path").asText()).isEqualTo("lenet-onednn");
    }

    /** One short epoch of {@code train --json} on the compute path {@code path}; the run has succeeded. */
    private CliRun train(String path, String... more) {
        System.setProperty(ComputePath.PROPERTY, path);
        List<String> args = new ArrayList<>(List.of("train", "--json", "--epochs", "1", "--limit", "300"));
        args.addAll(List.of(more));
        args.addAll(List.of("--output", dir.resolve("m.zip").toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static JsonNode lastLine(CliRun run) throws Exception {
        List<String> out = run.outLines();
        return JSON.readTree(out.get(out.size() - 1));
    }

    @Test
    void trainWarnsOnceAndNamesThePathThatTrained() throws Exception {
        CliRun run = train("cuda", "--val-size", "100");

        assertThat(run.errLines()).filteredOn(l -> l.contains("warning")).containsExactly(CUDA_ON_THE_CPU);
        assertThat(lastLine(run).get("compute_path").asText()).isEqualTo("lenet-onednn");
    }

    @Test
    void onDl4jsOwnLayersNoOneDnnKernelsAreNamedAndNoWarningIsPrinted() throws Exception {
        // what every run on arm64 looks like, where DL4J's plain layers are all there is
        CliRun run = train("dl4j");

        assertThat(run.errLines()).noneMatch(l -> l.contains("warning"));
        JsonNode last = lastLine(run);
        assertThat(last.get("compute_path").asText()).isEqualTo("dl4j");
        assertThat(last.get("onednn_isa").isNull()).as(last.toString()).isTrue();
        assertThat(last.get("blas_core").isNull()).as("OpenBLAS still computes").isFalse();
    }
}
