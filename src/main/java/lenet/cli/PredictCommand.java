package lenet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lenet.output.PredictPrinter;
import lenet.output.Terminal;
import lenet.prediction.PredictRun;
import lenet.preprocessing.ImageLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "predict",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Reads the handwritten digit (or, with a model of another dataset, the garment, letter or class) in each "
                    + "image: prints the class, its probability and the top 3.",
            "Any image ImageIO reads (PNG, JPEG, BMP, GIF, TIFF; grey, RGB, RGBA or palette; any size up to "
                    + ImageLoader.MAX_PIXELS / 1_000_000 + " megapixels) works: a phone photo of a digit written in "
                    + "ink on paper, a drawing exported from an app, or an MNIST-style image. Each image is "
                    + "preprocessed the way MNIST was made: transparency flattened onto white, grey, dark-on-light "
                    + "inverted, background removed, cropped to the ink, fitted into 20×20 and centred by mass in 28×28 (for "
                    + "EMNIST 24×24 centred, for Fashion-MNIST and KMNIST the whole 28×28); a 28×28 image light on "
                    + "dark is taken as it is.",
            "Exit code 0 when every input was predicted, 2 when any could not be (the others are still predicted)."
        })
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClassifierOptions model;

    @Parameters(
            paramLabel = "FILE|DIR",
            arity = "1..*",
            description = "Images to read; a directory stands for the images directly inside it, sorted by name.")
    List<Path> inputs;

    @Option(
            names = "--save-preprocessed",
            paramLabel = "DIR",
            description = "Also write the 28×28 image the network saw for each input, as DIR/NAME.png.")
    Path savePreprocessed;

    @Option(
            names = "--show",
            description = "Also print the 28×28 image the network saw for each input, as text (darker characters for "
                    + "more ink), with the probability of every digit beside it; with --json, as a \"seen\" array of "
                    + "28 strings.")
    boolean show;

    @Option(
            names = "--json",
            description = "Print one JSON object per input and nothing else on stdout: {\"file\",\"class\",\"index\","
                    + "\"probability\",\"top\"} (a digit model also gives \"digit\") or {\"file\",\"error\"}.")
    boolean json;

    @Override
    public Integer call() {
        PredictPrinter printer = new PredictPrinter(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                json,
                show,
                json ? () -> 0 : Terminal::stdoutWidth);
        boolean allPredicted = PredictRun.run(model.path(), model.normalize(), inputs, savePreprocessed, printer);
        return allPredicted ? 0 : 2;
    }
}
