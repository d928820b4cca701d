package lenet.cli;

import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import picocli.CommandLine.Option;

/** {@code --model}, shared by the commands that use a trained model. */
final class ModelOptions {
    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            defaultValue = "lenet.zip",
            description = "Model file: a path, or the name of a file in the models folder; a file of that name in "
                    + "the current folder comes first (default: ${DEFAULT-VALUE}: ./lenet.zip if it exists, else "
                    + "models/lenet.zip).")
    String model;

    Path path() {
        return Checkpoints.resolve(model);
    }
}
