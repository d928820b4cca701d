package lenet.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import lenet.cli.CliRun;
import lenet.testing.RenderedDigits;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predict reads people's images as well as MNIST: test digits re-rendered black on white as PNG and JPEG, at several
 * sizes and anywhere on a larger page, go through the full predict command.
 *
 * <p>The bound has a measured margin. The shared test model reads 96.8–98.2% of this set over three CPU kinds
 * (AVX-512, AVX2 and SSE4.1, imitated with {@code DNNL_MAX_CPU_ISA}) and four seeds each; the lowest is seed 42 as
 * an AVX2 CPU trains it (src/site/markdown/performance.md, "The test suite on other CPUs"). The bound, 96%, still
 * fails every broken step preprocessing.md measures but one: the smallest such loss on its set A, which this set
 * imitates, is 5.9 points (aspect ratio not kept); the one it cannot see, centring by the bounding box instead of
 * the mass, costs 0.2.
 */
@Tag("cpu-sensitive")
class RenderedMnistAccuracyTest {
    @Test
    void predictReadsRerenderedMnistDigitsAtLeast96Percent(@TempDir Path dir) {
        int[] labels = RenderedDigits.write(dir);

        CliRun run = CliRun.of("predict", "--json", "--model", TestModel.path().toString(), dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        double accuracy = RenderedDigits.accuracy(run.outLines(), labels);
        System.out.printf(
                "re-rendered MNIST accuracy %.4f (model's MNIST test accuracy %.4f)%n",
                accuracy, TestModel.testAccuracy());
        assertThat(accuracy).isGreaterThanOrEqualTo(0.96);
    }
}
