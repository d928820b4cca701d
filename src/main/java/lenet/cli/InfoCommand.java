package lenet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lenet.checkpoint.Checkpoints;
import lenet.core.BackendChoice;
import lenet.core.LenetHome;
import lenet.info.Info;
import lenet.output.InfoPrinter;
import lenet.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "info",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Shows what lenet runs on: lenet, DL4J and Java versions, the ND4J backend that loaded, the BLAS library, "
                    + "the threads ND4J and BLAS use, CPU features, GPUs, whether the MNIST data is present and "
                    + "verified, and the models in the models folder with their accuracy, epochs and date.",
            "With --model, also the network: its layers, shapes and parameter counts."
        })
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = "Also show the network of this model: a path, or a file in the models folder.")
    String model;

    @Option(names = "--json", description = "Print one JSON object and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        BackendChoice.Requested requested =
                Cli.requestedBackend(spec.root().commandLine().getParseResult());
        Path modelPath = model == null ? null : Checkpoints.resolve(model);
        InfoPrinter.print(
                spec.commandLine().getOut(),
                Info.gather(requested, data.dataDir(), LenetHome.modelsDir(), modelPath),
                json,
                Terminal.stdoutWidth());
        return 0;
    }
}
