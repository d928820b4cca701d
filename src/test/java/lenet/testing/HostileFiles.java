package lenet.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Broken and hostile files, made from scratch or from good ones, for the reliability tests. */
public final class HostileFiles {
    private HostileFiles() {}

    /** The first {@code fraction} of {@code source}. */
    public static Path truncated(Path source, Path target, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Files.write(target, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return target;
    }

    /** {@code source} with every bit of the byte at {@code fraction} of its length inverted. */
    public static Path flipped(Path source, Path target, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        int at = (int) (bytes.length * fraction);
        bytes[at] = (byte) ~bytes[at];
        Files.write(target, bytes);
        return target;
    }

    /** Written as every entry's time, so that the same entries always make the same bytes. */
    public static final java.time.LocalDateTime ENTRY_TIME = java.time.LocalDateTime.of(2026, 1, 1, 0, 0);

    /** A zip of {@code entries}, in their order, each with {@link #ENTRY_TIME}: the same entries, the same bytes. */
    public static Path zip(Path target, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return target;
    }

    /** The entries of a zip, read into memory. */
    public static Map<String, byte[]> entries(Path zipFile) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (var e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    /** A good checkpoint's entries with one replaced. */
    public static Path withEntry(Path checkpoint, Path target, String name, byte[] content) throws IOException {
        Map<String, byte[]> entries = entries(checkpoint);
        entries.put(name, content);
        return zip(target, entries);
    }

    /** Where the fields of an ND4J array entry sit: the shape buffer's length, its values, the data's length. */
    public static final class ArrayOffsets {
        public static final int SHAPE_LENGTH = 2 + "MIXED_DATA_TYPES".length();
        public static final int SHAPE_VALUES = SHAPE_LENGTH + 8 + 2 + "LONG".length();

        private ArrayOffsets() {}

        /** The data buffer's length field, after the shape buffer and the data's allocation mode. */
        public static int dataLength(byte[] entry) {
            int shapeValues =
                    (int) java.nio.ByteBuffer.wrap(entry, SHAPE_LENGTH, 8).getLong();
            int data = SHAPE_VALUES + 8 * shapeValues;
            return data + 2 + java.nio.ByteBuffer.wrap(entry, data, 2).getShort();
        }
    }

    /** A good checkpoint with the 8-byte big-endian number at {@code offset} of {@code entry} replaced. */
    public static Path withLong(Path checkpoint, Path target, String entry, int offset, long value) throws IOException {
        byte[] bytes = entries(checkpoint).get(entry).clone();
        java.nio.ByteBuffer.wrap(bytes, offset, 8).putLong(value);
        return withEntry(checkpoint, target, entry, bytes);
    }

    /** A checkpoint whose {@code entry} unpacks to {@code bytes} zero bytes (a few hundred KB on disk). */
    public static Path zipBomb(Path checkpoint, Path target, String entry, long bytes) throws IOException {
        Map<String, byte[]> entries = entries(checkpoint);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            zip.setLevel(9);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getKey().equals(entry)) {
                    byte[] zeros = new byte[1 << 20];
                    for (long left = bytes; left > 0; left -= zeros.length) {
                        zip.write(zeros, 0, (int) Math.min(zeros.length, left));
                    }
                } else {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        }
        return target;
    }

    /** A zip with {@code count} tiny entries. */
    public static Path manyEntries(Path target, int count) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            for (int i = 0; i < count; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
                zip.write('x');
                zip.closeEntry();
            }
        }
        return target;
    }

    /** {@code inner} inside a zip inside a zip ..., {@code depth} levels deep. */
    public static Path nested(Path inner, Path target, int depth) throws IOException {
        byte[] content = Files.readAllBytes(inner);
        for (int level = 0; level < depth; level++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("level" + level + ".zip"));
                zip.write(content);
                zip.closeEntry();
            }
            content = bytes.toByteArray();
        }
        Files.write(target, content);
        return target;
    }

    /** A PNG whose header declares {@code width} × {@code height} pixels, with almost no pixel data. */
    public static Path pngDeclaring(Path target, int width, int height) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13);
            ihdr.putInt(width)
                    .putInt(height)
                    .put((byte) 8)
                    .put((byte) 0)
                    .put((byte) 0)
                    .put((byte) 0)
                    .put((byte) 0);
            chunk(out, "IHDR", ihdr.array());
            chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
            chunk(out, "IEND", new byte[0]);
        }
        return target;
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A gzip file that unpacks to {@code bytes} zero bytes. */
    public static Path gzipBomb(Path target, long bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            byte[] zeros = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
        return target;
    }
}
