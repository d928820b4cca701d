package lenet.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import lenet.checkpoint.Checkpoints;
import lenet.data.Dataset;
import lenet.testing.HostileFiles;
import lenet.testing.MnistImages;

/** What {@link HostileInputTest}'s cases are made of: the good files, the commands an input is given to, the fixtures. */
final class HostileInputs {
    private HostileInputs() {}

    /** A model and an image that work, made once by {@link HostileInputTest} before its cases run. */
    static Path goodModel;

    static Path goodImage;

    @FunctionalInterface
    interface Fixture {
        Path make(Path dir) throws Exception;
    }

    /** The command line of one case, given its input and folder. */
    @FunctionalInterface
    interface Command {
        String[] args(Path input, Path dir);
    }

    record Case(String command, String input, Fixture fixture, Command args, int exit, String fragment) {
        @Override
        public String toString() {
            return command + " | " + input;
        }
    }

    // ---- the commands an input is given to ----

    static final Command EVAL_MODEL = (in, dir) -> new String[] {"eval", "--model", in.toString()};
    static final Command PREDICT_MODEL =
            (in, dir) -> new String[] {"predict", "--model", in.toString(), goodImage.toString()};
    static final Command INFO_MODEL = (in, dir) -> new String[] {"info", "--model", in.toString()};
    static final Command RESUME = (in, dir) -> new String[] {"train", "--resume", in.toString(), "--epochs", "2"};
    static final Command PREDICT_IMAGE =
            (in, dir) -> new String[] {"predict", "--model", goodModel.toString(), in.toString()};
    static final Command TRAIN_DATA = (in, dir) -> new String[] {
        "train",
        "--data-dir",
        in.toString(),
        "--limit",
        "300",
        "--val-size",
        "100",
        "--epochs",
        "1",
        "--output",
        dir.resolve("out.zip").toString()
    };
    static final Command EVAL_DATA =
            (in, dir) -> new String[] {"eval", "--model", goodModel.toString(), "--data-dir", in.toString()};
    static final Command TRAIN_OUTPUT = (in, dir) ->
            new String[] {"train", "--limit", "300", "--val-size", "100", "--epochs", "1", "--output", in.toString()};

    static final Map<String, Command> MODEL_COMMANDS = new LinkedHashMap<>();

    static {
        MODEL_COMMANDS.put("eval --model FILE", EVAL_MODEL);
        MODEL_COMMANDS.put("predict --model FILE digit.png", PREDICT_MODEL);
        MODEL_COMMANDS.put("info --model FILE", INFO_MODEL);
        MODEL_COMMANDS.put("train --resume FILE --epochs 2", RESUME);
    }

    // ---- the inputs ----

    static Path copyOfGood(Path dir, String name) throws IOException {
        return Files.copy(goodModel, dir.resolve(name));
    }

    static Path metadataChanged(Path dir, String name, UnaryOperator<String> change) throws IOException {
        byte[] json = HostileFiles.entries(goodModel).get(Checkpoints.METADATA_ENTRY);
        String changed = change.apply(new String(json, StandardCharsets.UTF_8));
        return HostileFiles.withEntry(
                goodModel, dir.resolve(name), Checkpoints.METADATA_ENTRY, changed.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the shipped MNIST folder (links to its files unpacked) in which {@code name} is changed. */
    interface Change {
        void apply(Path file) throws Exception;
    }

    static Path mnist(Path dir, String name, Change change) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (Dataset.DataFile file : Dataset.MNIST.files) {
            Path link = data.resolve(file.name());
            Files.createSymbolicLink(
                    link, MnistImages.rawData().resolve(file.name()).toAbsolutePath());
            if (file.name().equals(name)) {
                Files.delete(link);
                Files.createFile(link);
                change.apply(link);
            }
        }
        return data;
    }

    static Path unreadable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        return file;
    }
}
