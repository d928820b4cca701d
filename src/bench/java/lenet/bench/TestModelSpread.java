package lenet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import lenet.cli.CliRun;
import lenet.core.CpuKind;
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
                    Integer.getInteger("epochs", base.epochs()),
                    Integer.getInteger("batch", base.batchSize()),
                    Double.parseDouble(System.getProperty("lr", String.valueOf(base.learningRate()))),
                    base.gamma(),
                    Integer.getInteger("shift", base.shift()),
                    seed,
                    base.valSize(),
                    base.limit(),
                    base.workers(),
                    base.dataDir(),
                    output,
                    base.lastOutput());
            long start = System.nanoTime();
            double test = Trainer.train(options, new TrainingListener() {}).testAccuracy();
            double seconds = (System.nanoTime() - start) / 1e9;
            CliRun run = CliRun.of("predict", "--json", "--model", output.toString(), images.toString());
            double rendered = RenderedDigits.accuracy(run.outLines(), labels);
            System.out.printf(
                    Locale.ROOT,
                    "{\"isa\":\"%s\",\"blas\":\"%s\",\"epochs\":%d,\"batch\":%d,\"lr\":%s,"
                            + "\"shift\":%d,\"seed\":%d,\"test\":%.4f,\"rendered\":%.4f,\"seconds\":%.1f}%n",
                    CpuKind.onednnIsa(),
                    CpuKind.blasCore(),
                    options.epochs(),
                    options.batchSize(),
                    options.learningRate(),
                    options.shift(),
                    seed,
                    test,
                    rendered,
                    seconds);
        }
    }
}
