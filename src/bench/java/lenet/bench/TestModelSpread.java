package lenet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import lenet.cli.CliRun;
import lenet.core.CpuKind;
import lenet.core.StopSignal;
import lenet.model.HyperParametersBuilder;
import lenet.testing.RenderedDigits;
import lenet.testing.TestModel;
import lenet.training.TrainOptions;
import lenet.training.Trainer;
import lenet.training.TrainingListener;

/**
 * How far the test suite's shared model moves between CPUs and seeds: trains it (TestModel's recipe; -Depochs,
 * -Dbatch, -Dlr, -Dshift override it) with the seed given, then measures MNIST test accuracy and the re-rendered
 * set of RenderedMnistAccuracyTest. One JSON line per seed. Run once per imitated CPU (DNNL_MAX_CPU_ISA,
 * OPENBLAS_CORETYPE); src/site/markdown/performance.md has the table.
 */
public final class TestModelSpread {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("lenet-spread");
        Path images = Files.createDirectories(dir.resolve("rendered"));
        int[] labels = RenderedDigits.write(images);
        for (String arg : args) {
            long seed = Long.parseLong(arg);
            Path output = dir.resolve("model-" + seed + ".zip");
            TrainOptions base = TestModel.options(seed, output);
            TrainOptions options = new TrainOptions(
                    HyperParametersBuilder.builder(base.hyperParameters())
                            .epochs(Integer.getInteger(
                                    "epochs", base.hyperParameters().epochs()))
                            .batchSize(Integer.getInteger(
                                    "batch", base.hyperParameters().batchSize()))
                            .learningRate(Double.parseDouble(System.getProperty(
                                    "lr", String.valueOf(base.hyperParameters().learningRate()))))
                            .shift(Integer.getInteger(
                                    "shift", base.hyperParameters().shift()))
                            .seed(seed)
                            .build(),
                    base.data(),
                    output);
            long start = System.nanoTime();
            double test = Trainer.train(options, null, new TrainingListener() {}, StopSignal.none())
                    .testAccuracy();
            double seconds = (System.nanoTime() - start) / 1e9;
            CliRun run = CliRun.of("predict", "--json", "--model", output.toString(), images.toString());
            double rendered = RenderedDigits.accuracy(run.outLines(), labels);
            System.out.printf(
                    Locale.ROOT,
                    "{\"isa\":\"%s\",\"blas\":\"%s\",\"epochs\":%d,\"batch\":%d,\"lr\":%s,"
                            + "\"shift\":%d,\"seed\":%d,\"test\":%.4f,\"rendered\":%.4f,\"seconds\":%.1f}%n",
                    CpuKind.onednnIsa(),
                    CpuKind.blasCore(),
                    options.hyperParameters().epochs(),
                    options.hyperParameters().batchSize(),
                    options.hyperParameters().learningRate(),
                    options.hyperParameters().shift(),
                    seed,
                    test,
                    rendered,
                    seconds);
        }
    }
}
