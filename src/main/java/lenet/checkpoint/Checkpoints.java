package lenet.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import lenet.core.AtomicFiles;
import lenet.core.IoErrors;
import lenet.core.Json;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.OneDnn;
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
     * folder ({@code models/NAME}), else the path as given (so the error names what the user typed).
     */
    public static Path resolve(String name) {
        Path asGiven = Path.of(name);
        if (Files.exists(asGiven)) {
            return asGiven;
        }
        Path inModels = LenetHome.modelsDir().resolve(name);
        return Files.exists(inModels) ? inModels : asGiven;
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
        try {
            ByteArrayOutputStream model = new ByteArrayOutputStream(1 << 20);
            ModelSerializer.writeModel(network, model, true);
            byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata);
            AtomicFiles.write(target, file -> {
                try (ZipOutputStream zip = new ZipOutputStream(file);
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
            });
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(target) + ": cannot write checkpoint (" + IoErrors.describe(e)
                            + "); the previous file, if any, is unchanged",
                    e);
        }
    }

    /** The entries holding ND4J arrays (weights, optimizer state), checked before ND4J reads them. */
    private static final java.util.Set<String> ARRAY_ENTRIES = java.util.Set.of("coefficients.bin", "updaterState.bin");

    /** Most entries a checkpoint may have: DL4J writes three or four, lenet one more. */
    static final int MAX_ENTRIES = 16;
    /** Most bytes all entries may unpack to: a LeNet-5 checkpoint unpacks to about 0.8 MB. */
    static final long MAX_UNPACKED_BYTES = 64L << 20;

    /** Reads only the metadata, without restoring the network. */
    public static CheckpointMetadata readMetadata(Path path) {
        checkFile(path);
        try (ZipFile zip = new ZipFile(path.toFile())) {
            verifyEntries(zip, path);
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
        OneDnn.enable();
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
        if (params != LeNet5.PARAMETERS || outputs != InputScaling.CLASSES) {
            throw LenetException.badInput(LenetHome.display(path) + ": network has the wrong shape for "
                    + LeNet5.ARCHITECTURE + " (" + params + " parameters, " + inputs + " inputs, " + outputs
                    + " outputs; expected " + LeNet5.PARAMETERS + " parameters and " + InputScaling.CLASSES
                    + " outputs)");
        }
        return new Loaded(network, metadata, path);
    }

    /**
     * Unpacks every entry, counting, before DL4J reads any: a zip bomb (entries that unpack to gigabytes, or
     * thousands of entries) is refused here instead of filling the heap. Sizes declared in the zip are not trusted;
     * the CRC-32 of each entry is checked, so a flipped bit is caught here and not read as a different weight; and
     * the weights and optimizer state must be whole ND4J arrays ({@link ArrayEntry}).
     */
    private static void verifyEntries(ZipFile zip, Path path) throws IOException {
        if (zip.size() > MAX_ENTRIES) {
            throw LenetException.badInput(LenetHome.display(path) + ": not a lenet checkpoint (" + zip.size()
                    + " entries; a checkpoint has at most " + MAX_ENTRIES + ")");
        }
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            boolean array = ARRAY_ENTRIES.contains(entry.getName());
            ByteArrayOutputStream content = array ? new ByteArrayOutputStream() : null;
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            try (InputStream in = new java.util.zip.CheckedInputStream(zip.getInputStream(entry), crc)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (total > MAX_UNPACKED_BYTES) {
                        throw LenetException.badInput(LenetHome.display(path) + ": not a lenet checkpoint (entry '"
                                + entry.getName() + "' unpacks to more than the " + (MAX_UNPACKED_BYTES >> 20)
                                + " MB a checkpoint may hold: a zip bomb?)");
                    }
                    if (content != null) {
                        content.write(buffer, 0, n);
                    }
                }
                if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                    throw new ZipException("checksum mismatch");
                }
                if (content != null) {
                    ArrayEntry.check(content.toByteArray());
                }
            } catch (IOException ex) {
                throw LenetException.badInput(
                        LenetHome.display(path) + ": lenet checkpoint is damaged (entry '" + entry.getName() + "': "
                                + IoErrors.describe(ex) + ")",
                        ex);
            }
        }
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

    private static void checkFile(Path path) {
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
        return LenetException.badInput(LenetHome.display(path) + ": not a lenet checkpoint (not a zip file)");
    }
}
