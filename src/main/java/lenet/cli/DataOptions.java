package lenet.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, for the commands that read a dataset's files from a folder of the user's. */
final class DataOptions {
    @Option(
            names = "--data-dir",
            order = 21,
            paramLabel = "DIR",
            description = "Folder holding a dataset's four IDX files (for eval, the model's dataset), raw or .gz, "
                    + "read in place (default: data/NAME, a system copy, or a download).")
    Path dataDir;

    /** The folder given, or null: lenet finds the dataset itself. */
    Path dataDir() {
        return dataDir;
    }
}
