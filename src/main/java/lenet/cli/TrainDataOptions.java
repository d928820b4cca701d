package lenet.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.data.Dataset;
import lenet.data.Download;
import lenet.data.ImageSource;
import lenet.model.HyperParameters;
import lenet.training.TrainOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code train}'s images: {@code --dataset NAME} (from {@code --data-dir}) or a person's own {@code --images DIR}. */
final class TrainDataOptions {
    @Option(
            names = "--dataset",
            order = 21,
            paramLabel = "NAME",
            converter = DatasetConverter.class,
            description = "What to train on: mnist, fashion-mnist, kmnist, emnist-digits, emnist-letters, "
                    + "emnist-balanced or qmnist. Its files come from --data-dir, else data/NAME in the lenet folder, "
                    + "else a system copy (Debian's dataset-fashion-mnist), else they are downloaded there from the "
                    + "dataset's published address and checked against its published MD5s. Each dataset has its own "
                    + "defaults for the options above: the end of this help lists where they differ (default: mnist).")
    Dataset dataset;

    @Option(
            names = "--data-dir",
            order = 22,
            paramLabel = "DIR",
            description = "Folder holding the dataset's four IDX files, raw or .gz, read in place and never written "
                    + "to (default: data/NAME, a system copy, or a download).")
    Path dataDir;

    @Option(
            names = "--images",
            order = 23,
            paramLabel = "DIR",
            description = "Train on your own labelled images instead of a dataset: one sub-folder of DIR per class, "
                    + "named for it (DIR/cat/*.png, DIR/dog/*.jpg), each image prepared as predict prepares it. A "
                    + "fifth of each class, drawn by --seed, is held out as the test set, or DIR/train and DIR/test "
                    + "are used when both exist. Unusable files are listed and skipped. The model goes to "
                    + "models/NAME.zip, NAME being the folder's own name.")
    Path images;

    /** {@code --dataset}'s value: one of the names, or one line saying which there are. */
    static final class DatasetConverter implements CommandLine.ITypeConverter<Dataset> {
        @Override
        public Dataset convert(String value) {
            return Dataset.named(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "unknown dataset '" + value + "'; one of: " + Dataset.names()));
        }
    }

    Dataset dataset() {
        return dataset != null ? dataset : Dataset.DEFAULT;
    }

    /** Refuses options that cannot go together: one line, exit 2. */
    void check(CommandLine command) {
        if (images != null && (dataset != null || dataDir != null)) {
            throw new CommandLine.ParameterException(
                    command,
                    "--images DIR trains on your own images: leave out "
                            + (dataset != null ? "--dataset" : "--data-dir"));
        }
    }

    /** The training images of the dataset chosen, or 0 for {@code --images} (not known before it is read). */
    int trainImages() {
        return images != null ? 0 : dataset().trainImages().count();
    }

    /** The recipe the options given are laid over. */
    HyperParameters recipe() {
        return images != null ? Dataset.ownImagesRecipe() : dataset().recipe();
    }

    /**
     * Where the model goes by default: {@code models/lenet.zip} for MNIST, {@code models/NAME.zip} for another
     * dataset, {@code models/FOLDER.zip} for your own images.
     */
    Path defaultOutput() {
        return TrainOptions.defaultOutput(dataset(), images);
    }

    /**
     * The images a run trains on: {@code --images}, or the dataset (of a resumed run, the checkpoint's), read from
     * {@code --data-dir} or found by lenet; {@code progress} hears of downloads, {@code skipped} of unusable images.
     */
    ImageSource source(Checkpoints.Loaded resumed, long seed, Download.Listener progress, Consumer<String> skipped) {
        String trained = resumed == null ? null : resumed.metadata().classes().dataset();
        if (images != null || trained != null && trained.startsWith(ImageSource.FOLDER_PREFIX)) {
            if (images == null) {
                throw LenetException.badInput(LenetHome.display(resumed.path()) + ": trained on your own images ("
                        + trained.substring(ImageSource.FOLDER_PREFIX.length()) + "); resume with --images DIR");
            }
            return ImageSource.folder(
                    images,
                    TrainOptions.IMAGES_TEST_FRACTION,
                    seed,
                    s -> skipped.accept(s.file() + ": skipped (" + s.reason() + ")"));
        }
        if (trained != null && dataset != null && !dataset.id.equals(trained)) {
            throw LenetException.badInput("--dataset " + dataset.id + ": cannot change when resuming ("
                    + LenetHome.display(resumed.path()) + " was trained on " + trained + "); leave it out");
        }
        Dataset chosen = trained == null
                ? dataset()
                : Dataset.named(trained)
                        .orElseThrow(() -> LenetException.badInput(LenetHome.display(resumed.path())
                                + ": trained on images lenet does not know (" + trained + ")"));
        return ImageSource.of(chosen, dataDir, progress);
    }
}
