package lenet.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import lenet.core.IoErrors;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.model.InputScaling;

/**
 * Reads one IDX file (LeCun's format: a magic number naming the element type and the number of dimensions, the
 * dimensions, then the values), raw or gzip-compressed, in place: nothing is unpacked beside it. The header is checked
 * against what the file must hold before anything is allocated, so a hostile header cannot claim gigabytes.
 */
final class IdxFile {
    /** Most images lenet reads from one file: EMNIST's largest split has 697,932. */
    static final int MAX_COUNT = 1_000_000;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int INT = 0x0C;

    private IdxFile() {}

    /** What a file of a dataset holds. */
    enum Kind {
        /** {@code idx3-ubyte}: N × 28 × 28 grey bytes. */
        IMAGES(UNSIGNED_BYTE, 3),
        /** {@code idx1-ubyte}: N labels of one byte. */
        LABELS(UNSIGNED_BYTE, 1),
        /** QMNIST's {@code idx2-int}: N × 8 big-endian ints, the class first. */
        QMNIST_LABELS(INT, 2);

        final int type;
        final int dimensions;

        Kind(int type, int dimensions) {
            this.type = type;
            this.dimensions = dimensions;
        }

        int magic() {
            return type << 8 | dimensions;
        }
    }

    /** The bytes of an IDX file of {@code count} items of {@code kind}: its header and its values. */
    static long size(Kind kind, int count) {
        return switch (kind) {
            case IMAGES -> 16 + (long) count * InputScaling.PIXELS;
            case LABELS -> 8 + (long) count;
            case QMNIST_LABELS -> 12 + (long) count * 32;
        };
    }

    /** Fails, saying so, when a raw file is shorter or longer than {@code count} items of {@code kind} make. */
    static void checkSize(Path file, Kind kind, int count) {
        long expected = size(kind, count);
        long actual;
        try {
            actual = Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (actual < expected) {
            throw bad(
                    file,
                    "truncated (" + String.format("%,d", actual) + " of its " + String.format("%,d", expected)
                            + " bytes)");
        }
        if (actual > expected) {
            throw bad(
                    file,
                    "longer than the original (" + String.format("%,d", actual) + " bytes, not "
                            + String.format("%,d", expected) + ")");
        }
    }

    /** The images of an IDX image file, row-major 28×28 each, {@code count × 784} bytes in one array. */
    static byte[] images(Path file, int expected, boolean transposed) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, Kind.IMAGES, expected);
            if (dims[1] != InputScaling.HEIGHT || dims[2] != InputScaling.WIDTH) {
                throw bad(file, "images of " + dims[1] + "×" + dims[2] + " pixels; lenet reads 28×28");
            }
            byte[] pixels = body(file, in, dims[0], InputScaling.PIXELS, "images");
            if (transposed) {
                transpose(pixels);
            }
            return pixels;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The labels of an IDX label file, each less {@code offset} (EMNIST's letters count from 1). */
    static int[] labels(Path file, Kind kind, int expected, int offset) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, kind, expected);
            int count = dims[0];
            int[] labels = new int[count];
            if (kind == Kind.QMNIST_LABELS) {
                if (dims[1] != 8) {
                    throw bad(file, "QMNIST labels of " + dims[1] + " columns; expected 8");
                }
                byte[] rows = body(file, in, count, 8 * 4, "labels");
                for (int i = 0; i < count; i++) {
                    int at = i * 32;
                    labels[i] = (rows[at] & 0xFF) << 24
                            | (rows[at + 1] & 0xFF) << 16
                            | (rows[at + 2] & 0xFF) << 8
                            | rows[at + 3] & 0xFF;
                    labels[i] -= offset;
                }
            } else {
                byte[] bytes = body(file, in, count, 1, "labels");
                for (int i = 0; i < count; i++) {
                    labels[i] = (bytes[i] & 0xFF) - offset;
                }
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return new DataInputStream(gzip ? new GZIPInputStream(in, 1 << 16) : in);
    }

    /** Reads and checks the magic number and dimensions; returns the dimensions. */
    private static int[] header(Path file, DataInputStream in, Kind kind, int expected) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw bad(file, "empty or too short for an IDX header");
        }
        if (magic != kind.magic()) {
            throw bad(
                    file,
                    String.format(
                            "not an IDX %s file (magic number 0x%08X, expected 0x%08X)",
                            kind == Kind.IMAGES ? "image" : "label", magic, kind.magic()));
        }
        int[] dims = new int[kind.dimensions];
        for (int i = 0; i < dims.length; i++) {
            try {
                dims[i] = in.readInt();
            } catch (EOFException e) {
                throw bad(file, "IDX header cut short");
            }
        }
        long count = Integer.toUnsignedLong(dims[0]);
        if (count > MAX_COUNT) {
            throw bad(
                    file,
                    "header claims " + String.format("%,d", count) + " items; lenet reads at most "
                            + String.format("%,d", MAX_COUNT) + " from one file");
        }
        if (expected > 0 && count != expected) {
            throw bad(
                    file,
                    "holds " + String.format("%,d", count) + " items; this file has " + String.format("%,d", expected));
        }
        if (count == 0) {
            throw bad(file, "holds no items");
        }
        return dims;
    }

    /** The {@code count × size} bytes after the header, and nothing more. */
    private static byte[] body(Path file, InputStream in, int count, int size, String what) throws IOException {
        byte[] body = new byte[Math.multiplyExact(count, size)];
        int read = in.readNBytes(body, 0, body.length);
        if (read < body.length) {
            throw bad(
                    file,
                    "truncated: the header says " + String.format("%,d", count) + " " + what + " ("
                            + String.format("%,d", (long) body.length) + " bytes), the file holds "
                            + String.format("%,d", (long) read));
        }
        if (in.read() != -1) {
            throw bad(file, "longer than its header says (" + String.format("%,d", count) + " " + what + ")");
        }
        return body;
    }

    /** EMNIST stores each image column by column: turns every 28×28 block the right way round in place. */
    static void transpose(byte[] pixels) {
        int w = InputScaling.WIDTH;
        for (int at = 0; at < pixels.length; at += InputScaling.PIXELS) {
            for (int y = 0; y < w; y++) {
                for (int x = y + 1; x < w; x++) {
                    byte t = pixels[at + y * w + x];
                    pixels[at + y * w + x] = pixels[at + x * w + y];
                    pixels[at + x * w + y] = t;
                }
            }
        }
    }

    static LenetException bad(Path file, String what) {
        return LenetException.badInput(LenetHome.display(file) + ": " + what);
    }

    private static LenetException unreadable(Path file, IOException e) {
        return LenetException.badInput(LenetHome.display(file) + ": cannot read (" + IoErrors.describe(e) + ")", e);
    }
}
