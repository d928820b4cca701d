package lenet.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import lenet.compute.ComputePath;
import lenet.core.AtomicFiles;
import lenet.core.FileNames;
import lenet.core.IoErrors;
import lenet.core.Json;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.TestHold;
import lenet.model.InputScaling;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Reads and writes lenet checkpoints: a DL4J {@link ModelSerializer} zip (configuration, weights, updater state)
 * with one more entry, {@value #METADATA_ENTRY}, holding {@link CheckpointMetadata}. Writes go to a temporary
 * file in the target folder, are flushed to disk, then atomically renamed over the target, so a reader only
 * ever sees the previous complete file or the new complete file.
 */
public final class Checkpoints {
    public static final String METADATA_ENTRY = "lenet.json";

    /** A restored network with its metadata. */
    public record Loaded(MultiLayerNetwork network, CheckpointMetadata metadata, Path path) {}

    private Checkpoints() {}

    /**
     * Resolves a {@code --model} argument: the path itself if it exists, else the same name inside the models
     * folder ({@code models/NAME}), else {@code models/NAME.zip} (a dataset's name finds the model training on it
     * wrote), else the path as given (so the error names what the user typed).
     */
    public static Path resolve(String name) {
        Path asGiven = Path.of(name);
        if (Files.exists(asGiven)) {
            return asGiven;
        }
        Path inModels = LenetHome.modelsDir().resolve(name);
        if (Files.exists(inModels)) {
            return inModels;
        }
        Path zip = LenetHome.modelsDir().resolve(name + ".zip"); // --model fashion-mnist: what train --dataset wrote
        return !name.endsWith(".zip") && !name.endsWith(".onnx") && Files.isRegularFile(zip) ? zip : asGiven;
    }

    /**
     * Free space a training run asks for before it starts: a LeNet-5 checkpoint with its Adam state is about 0.7 MB,
     * and a run keeps two (best and last) plus a temporary copy while one is replaced.
     */
    public static final long MIN_FREE_BYTES = 4L << 20;

    /**
     * Checks, before any work, that checkpoints can be written at {@code target}: its folder exists or can be made,
     * a file can be created in it, and it has {@link #MIN_FREE_BYTES} free. A problem becomes one line naming the
     * folder.
     */
    public static void checkWritable(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw LenetException.badInput(LenetHome.display(target) + ": is a folder; --output must name a file");
        }
        long free;
        try {
            AtomicFiles.probeFolder(dir, target.getFileName().toString());
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(target) + ": cannot write checkpoints to folder " + LenetHome.display(dir) + " ("
                            + IoErrors.describe(e) + ")",
                    e);
        }
        if (free < MIN_FREE_BYTES) {
            throw LenetException.badInput(LenetHome.display(target) + ": not enough free space for checkpoints in "
                    + LenetHome.display(dir) + " (" + (free >> 10) + " KB free; training needs "
                    + (MIN_FREE_BYTES >> 20) + " MB)");
        }
    }

    public static void save(MultiLayerNetwork network, CheckpointMetadata metadata, Path target) {
        write(bytes(network, metadata, target), target);
    }

    /** The checkpoint {@link #save} writes, as bytes; {@code target} names it in an error. */
    public static byte[] bytes(MultiLayerNetwork network, CheckpointMetadata metadata, Path target) {
        try {
            ByteArrayOutputStream model = new ByteArrayOutputStream(1 << 20);
            ModelSerializer.writeModel(network, model, true);
            byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata);
            ByteArrayOutputStream checkpoint = new ByteArrayOutputStream(model.size() + json.length + 1024);
            try (ZipOutputStream zip = new ZipOutputStream(checkpoint);
                    ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(model.toByteArray()))) {
                for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    entries.transferTo(zip);
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
                zip.write(json);
                zip.closeEntry();
            }
            return checkpoint.toByteArray();
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(target) + ": cannot write checkpoint (" + IoErrors.describe(e) + ")", e);
        }
    }

    /** Writes a checkpoint made by {@link #bytes} to {@code target}, atomically. */
    public static void write(byte[] checkpoint, Path target) {
        try {
            AtomicFiles.write(target, file -> {
                int half = checkpoint.length / 2;
                file.write(checkpoint, 0, half);
                TestHold.at("checkpoint"); // a test's signal lands while the file is half written
                file.write(checkpoint, half, checkpoint.length - half);
            });
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(target) + ": cannot write checkpoint (" + IoErrors.describe(e)
                            + "); the previous file, if any, is unchanged",
                    e);
        }
    }

    /**
     * The network of a checkpoint made by {@link #bytes}, with its optimizer state: what {@link #load} would give
     * once it was written, without reading the file again.
     */
    public static MultiLayerNetwork restore(byte[] checkpoint) {
        ComputePath.prepareLayers();
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(checkpoint), true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads only the metadata, without restoring the network. */
    public static CheckpointMetadata readMetadata(Path path) {
        checkFile(path);
        try (ZipFile zip = new ZipFile(path.toFile())) {
            CheckpointEntries.verify(zip, path);
            return metadata(zip, path);
        } catch (ZipException e) {
            throw startsLikeAZip(path)
                    ? LenetException.badInput(
                            LenetHome.display(path) + ": lenet checkpoint is damaged or truncated ("
                                    + IoErrors.describe(e) + ")",
                            e)
                    : notAZip(path);
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(path) + ": cannot read model (" + IoErrors.describe(e) + ")", e);
        }
    }

    /**
     * Restores a checkpoint written by {@link #save}, checking on the way that it is a zip, that it is a lenet
     * checkpoint, and that the network has LeNet-5's shape.
     */
    public static Loaded load(Path path, boolean withUpdater) {
        CheckpointMetadata metadata = readMetadata(path);
        ComputePath.prepareLayers();
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(path.toFile(), withUpdater);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // StackOverflowError: DL4J's JSON reader following a configuration nested without end
            throw LenetException.badInput(
                    LenetHome.display(path) + ": lenet checkpoint is damaged, the network " + "cannot be restored ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        long params = network.numParams();
        long inputs = network.layerInputSize(0);
        long outputs = network.layerSize(network.getnLayers() - 1);
        int classes = metadata.classes().size();
        if (params != LeNet5.parameters(classes) || outputs != classes) {
            throw LenetException.badInput(LenetHome.display(path) + ": network has the wrong shape for "
                    + LeNet5.ARCHITECTURE + " of " + classes + " classes (" + params + " parameters, " + inputs
                    + " inputs, " + outputs + " outputs; expected " + LeNet5.parameters(classes) + " parameters and "
                    + classes + " outputs)");
        }
        return new Loaded(network, metadata, path);
    }

    private static CheckpointMetadata metadata(ZipFile zip, Path path) throws IOException {
        ZipEntry entry = zip.getEntry(METADATA_ENTRY);
        if (entry == null) {
            boolean dl4j = zip.getEntry("configuration.json") != null;
            throw LenetException.badInput(LenetHome.display(path) + ": not a lenet checkpoint ("
                    + (dl4j ? "a DL4J model without lenet metadata" : "a zip without a model in it") + ")");
        }
        if (entry.getSize() > (1 << 20)) {
            throw LenetException.badInput(
                    LenetHome.display(path) + ": not a lenet checkpoint (metadata entry too large)");
        }
        CheckpointMetadata metadata;
        try (InputStream in = zip.getInputStream(entry)) {
            metadata = Json.MAPPER.readValue(in.readNBytes(1 << 20), CheckpointMetadata.class);
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(path) + ": not a lenet checkpoint (unreadable " + METADATA_ENTRY + ")", e);
        }
        if (!CheckpointMetadata.FORMAT.equals(metadata.format())) {
            throw LenetException.badInput(
                    LenetHome.display(path) + ": not a lenet checkpoint (format '" + metadata.format() + "')");
        }
        if (metadata.formatVersion() > CheckpointMetadata.FORMAT_VERSION) {
            throw LenetException.badInput(LenetHome.display(path) + ": checkpoint format " + metadata.formatVersion()
                    + " is newer than this lenet reads (up to " + CheckpointMetadata.FORMAT_VERSION
                    + "); update lenet");
        }
        if (!LeNet5.ARCHITECTURE.equals(metadata.architecture())
                || !InputScaling.DESCRIPTION.equals(metadata.inputScaling())) {
            throw LenetException.badInput(LenetHome.display(path) + ": checkpoint is for " + metadata.architecture()
                    + " with input scaling '" + metadata.inputScaling() + "'; this lenet reads " + LeNet5.ARCHITECTURE
                    + " with '" + InputScaling.DESCRIPTION + "'");
        }
        return metadata;
    }

    /** Checks that a {@code --model} file exists, is a regular file and can be read: one line if not. */
    public static void checkFile(Path path) {
        if (!Files.exists(path)) {
            throw LenetException.badInput(LenetHome.display(path) + ": model file not found (also looked in "
                    + LenetHome.display(LenetHome.modelsDir()) + "; train one with: lenet train)");
        }
        if (!Files.isRegularFile(path)) {
            throw LenetException.badInput(LenetHome.display(path) + ": model is not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw LenetException.badInput(LenetHome.display(path) + ": model file is not readable (permission denied)");
        }
    }

    /** Whether the file begins as a zip does ("PK\3\4"): if so and it cannot be opened, it was cut short. */
    private static boolean startsLikeAZip(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    private static LenetException notAZip(Path path) {
        if (FileNames.isOnnx(path)) {
            return LenetException.badInput(LenetHome.display(path) + ": an ONNX model; eval, predict and serve read "
                    + "ONNX models, this command reads lenet models (.zip) only");
        }
        return LenetException.badInput(LenetHome.display(path) + ": not a lenet checkpoint (not a zip file)");
    }
}
