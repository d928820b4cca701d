package lenet.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import lenet.core.FileNames;
import lenet.core.LenetHome;
import lenet.prediction.Inspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "inspect",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Shows what the convolution layers see: reads one image as predict does and writes a PNG of the 28×28 "
                    + "input, the 6 feature maps of the first convolution layer and the 16 of the second, each "
                    + "coloured from dark blue (0) to yellow (its largest value)."
        })
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Parameters(paramLabel = "FILE", description = "The image to inspect (PNG, JPEG, BMP, GIF, TIFF).")
    Path image;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "PNG",
            description = "Where to write the picture (default: NAME.features.png in the current folder, for an "
                    + "image NAME.png).")
    Path output;

    @Override
    public Integer call() {
        Path target = output != null ? output : Path.of(defaultName(image));
        Inspection.Result result = Inspection.run(model.path(), image, target);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%s: %s (%.1f%%); feature maps written to %s%n",
                        LenetHome.display(image),
                        result.prediction().name(),
                        result.prediction().probability() * 100,
                        LenetHome.display(result.picture()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String defaultName(Path image) {
        String stem = FileNames.stem(image);
        return (stem.isEmpty() ? "image" : stem) + ".features.png";
    }
}
