package lenet.cli;

import java.nio.file.Path;
import lenet.core.LenetHome;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by the commands that read MNIST. */
final class DataOptions {
    @Option(
            names = "--data-dir",
            order = 21,
            paramLabel = "DIR",
            description =
                    "Folder holding the four MNIST IDX files, raw or .gz (default: data/mnist in the lenet folder).")
    Path dataDir;

    Path dataDir() {
        return dataDir != null ? dataDir : LenetHome.defaultDataDir();
    }
}
