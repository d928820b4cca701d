package lenet.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
        name = "lenet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Trains the LeNet-5 convolutional network on MNIST handwritten digits (DL4J), or on "
                + "Fashion-MNIST, KMNIST, EMNIST, QMNIST or your own labelled images, evaluates it, and reads the digit "
                + "(or class) in your own images.",
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            InspectCommand.class,
            ExportCommand.class,
            InfoCommand.class,
            ServeCommand.class,
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        footerHeading = "%nFiles:%n",
        footer = {
            "  data/mnist/  MNIST as shipped (.gz), read in place and verified on use;",
            "  data/NAME/   other datasets (train --dataset NAME), downloaded there on",
            "               first use unless found in a system copy",
            "  models/      lenet.zip (best epoch), lenet-last.zip (last epoch, with",
            "               optimizer state), lenet.metrics.csv and lenet.curves.png;",
            "               --model NAME means NAME, else models/NAME",
            "",
            "Memory:",
            "  ./lenet gives Java a 1 GB heap (-Xmx1g), enough for every command on MNIST",
            "  (training also ran in 256 MB); ND4J's arrays live outside it, and training",
            "  peaks at about 1.2 GB resident in all. LENET_JAVA_OPTS=-Xmx2g sets another."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "  0:success",
            "  1:a check failed (for example --min-accuracy), or an internal error",
            "  2:bad usage or bad input (one line says which file and what is wrong)",
            "130:interrupted by Ctrl-C (SIGINT; lenet train saves where it stood first)",
            "143:terminated by SIGTERM (as from systemd, Kubernetes or a CI runner; lenet train saves first too)"
        })
final class LenetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--backend",
            order = 1001,
            scope = ScopeType.INHERIT,
            paramLabel = "auto|cpu|gpu",
            description = "ND4J backend: auto uses a CUDA GPU when one works and the CPU otherwise; cpu never "
                    + "touches CUDA; gpu fails with exit code 2 unless a CUDA GPU starts. Default: $LENET_BACKEND, "
                    + "else auto. The GPU needs a build with -Pcuda (see README).")
    lenet.core.BackendChoice.Requested backend;

    @Option(
            names = "--threads",
            order = 1002,
            scope = ScopeType.INHERIT,
            paramLabel = "N",
            description = "CPU threads for ND4J's operations, oneDNN's included; BLAS, which only multiplies the "
                    + "small dense layers, always uses one; lenet train shares them out among its --workers; "
                    + "${sys:lenet.cores} cores here (default: the cores available to lenet).")
    Integer threads;

    @Option(
            names = "--verbose",
            order = 1003,
            scope = ScopeType.INHERIT,
            description = "Show DL4J/ND4J log output, and the stack trace of an error.")
    boolean verbose;

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "missing command: choose one of " + String.join(", ", Cli.commandNames(spec.commandLine())));
    }
}
