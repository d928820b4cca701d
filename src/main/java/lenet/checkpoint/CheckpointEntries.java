package lenet.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import lenet.core.IoErrors;
import lenet.core.LenetException;
import lenet.core.LenetHome;

/** The checks a checkpoint's zip entries pass before DL4J reads any of them. */
final class CheckpointEntries {
    private CheckpointEntries() {}

    /** The entries holding ND4J arrays (weights, optimizer state), checked before ND4J reads them. */
    private static final java.util.Set<String> ARRAY_ENTRIES = java.util.Set.of("coefficients.bin", "updaterState.bin");

    /** Most entries a checkpoint may have: DL4J writes three or four, lenet one more. */
    static final int MAX_ENTRIES = 16;
    /** Most bytes all entries may unpack to: a LeNet-5 checkpoint unpacks to about 0.8 MB. */
    static final long MAX_UNPACKED_BYTES = 64L << 20;

    /**
     * Unpacks every entry, counting, before DL4J reads any: a zip bomb (entries that unpack to gigabytes, or
     * thousands of entries) is refused here instead of filling the heap. Sizes declared in the zip are not trusted;
     * the CRC-32 of each entry is checked, so a flipped bit is caught here and not read as a different weight; and
     * the weights and optimizer state must be whole ND4J arrays ({@link ArrayEntry}).
     */
    static void verify(ZipFile zip, Path path) throws IOException {
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
}
