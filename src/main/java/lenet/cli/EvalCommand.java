package lenet.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import lenet.core.LenetException;
import lenet.evaluation.EvalReport;
import lenet.evaluation.EvalRun;
import lenet.output.DownloadBar;
import lenet.output.EvalPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "eval",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Evaluates a trained model on the test set of the dataset it was trained on (MNIST's 10,000 digits for a "
                    + "digit model), or on your own labelled images with --images: accuracy, per-class precision, "
                    + "recall and F1, and the confusion matrix (rows: true class)."
        })
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClassifierOptions model;

    @Mixin
    DataOptions data;

    @Option(
            names = "--images",
            paramLabel = "DIR",
            description =
                    "Evaluate on your own images instead: one sub-folder of DIR per class, named as the model names "
                            + "it (DIR/0 to DIR/9 for digits, DIR/Sneaker for Fashion-MNIST; DIR/test when DIR holds "
                            + "train and test), in any format predict reads, preprocessed exactly as predict does. Files "
                            + "that cannot be used are listed and skipped.")
    Path images;

    @Option(
            names = "--min-accuracy",
            paramLabel = "FRACTION",
            description = "Exit with code 1 when the accuracy is below this, for example 0.99 (default: no check).")
    Double minAccuracy;

    @Option(names = "--json", description = "Print one JSON object with every number, and nothing else on stdout.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Also write pictures and numbers to DIR: confusion.png (the confusion matrix as a heat map), "
                    + "misclassified.png (the misclassified digits with true and predicted label and probability, "
                    + "most confident mistakes first, up to 100), samples.png (64 random digits with their "
                    + "prediction, right in green and wrong in red) and report.json (the same as --json).")
    Path report;

    @Override
    public Integer call() {
        if (minAccuracy != null && !(minAccuracy >= 0 && minAccuracy <= 1)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--min-accuracy': " + minAccuracy
                            + " (must be a fraction between 0 and 1, for example 0.99)");
        }
        EvalRun.Run run = EvalRun.run(
                model.path(),
                model.normalize(),
                images,
                data.dataDir(),
                this.report,
                new DownloadBar(spec.commandLine().getErr()));
        if (run.warning() != null) {
            spec.commandLine().getErr().println("lenet: warning: " + run.warning());
        }
        EvalReport report = run.report();
        String source = images != null ? "from " + run.source() : run.source();
        EvalPrinter.print(spec.commandLine().getOut(), report, source, json);
        if (run.written() != null) {
            EvalPrinter.reportWritten(spec.commandLine().getErr(), run.written());
        }
        if (minAccuracy != null && report.accuracy() < minAccuracy) {
            throw LenetException.failedCheck(String.format(
                    Locale.ROOT,
                    "accuracy %.2f%% is below --min-accuracy %.2f%%",
                    report.accuracy() * 100,
                    minAccuracy * 100));
        }
        return 0;
    }
}
