package lenet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Adler32;
import java.util.zip.CheckedInputStream;
import java.util.zip.GZIPInputStream;
import lenet.core.AtomicFiles;
import lenet.core.IoErrors;
import lenet.core.LenetException;
import lenet.core.LenetHome;

/**
 * The four original MNIST IDX files: found in a folder as raw files or {@code .gz}, unpacked next to
 * themselves on first use, and checked against the sizes and Adler-32 checksums DL4J's
 * {@code MnistDataFetcher} uses.
 */
public final class MnistFiles {

    /** One IDX file with the size and checksum of the original. */
    public enum File {
        TRAIN_IMAGES("train-images-idx3-ubyte", 47_040_016L, 2_094_436_111L),
        TRAIN_LABELS("train-labels-idx1-ubyte", 60_008L, 4_008_842_612L),
        TEST_IMAGES("t10k-images-idx3-ubyte", 7_840_016L, 2_165_396_896L),
        TEST_LABELS("t10k-labels-idx1-ubyte", 10_008L, 2_212_998_611L);

        public final String fileName;
        public final long size;
        public final long adler32;

        File(String fileName, long size, long adler32) {
            this.fileName = fileName;
            this.size = size;
            this.adler32 = adler32;
        }

        public String gzName() {
            return fileName + ".gz";
        }
    }

    private MnistFiles() {}

    /**
     * Makes sure {@code dir} holds the four raw, verified IDX files, unpacking {@code .gz} copies where
     * needed, and returns the folder to hand to {@code MnistDataSetIterator}.
     *
     * @throws LenetException (bad input) naming the file and what is wrong with it
     */
    public static Path prepare(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw LenetException.badInput(display(dir) + ": MNIST data folder "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist") + "; " + restoreHint(dir));
        }
        for (File file : File.values()) {
            prepare(dir, file);
        }
        return dir;
    }

    private static void prepare(Path dir, File file) {
        Path raw = dir.resolve(file.fileName);
        Path gz = dir.resolve(file.gzName());
        if (Files.isRegularFile(raw)) {
            Check check = check(raw, file);
            if (check.ok()) {
                return;
            }
            if (!Files.isRegularFile(gz)) {
                throw altered(raw, file, check, dir);
            }
            // The raw copy may be a leftover of an interrupted unpack: unpack it again from the archive.
        }
        if (!Files.isRegularFile(gz)) {
            throw LenetException.badInput(display(raw) + ": MNIST file missing (expected " + file.fileName + " or "
                    + file.gzName() + " in " + display(dir) + "); " + restoreHint(dir));
        }
        unpack(gz, raw, file, dir);
        Check check = check(raw, file);
        if (!check.ok()) {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException ignored) {
                // The message below names the archive, which is what the user must restore.
            }
            throw altered(gz, file, check, dir);
        }
    }

    /** Size and Adler-32 of a raw file. */
    public record Check(long size, long adler32, boolean ok) {}

    /** Reads a raw IDX file and compares it with the original's size and Adler-32. */
    public static Check check(Path raw, File file) {
        try (InputStream in = new CheckedInputStream(Files.newInputStream(raw), new Adler32())) {
            long size = in.transferTo(OutputStream.nullOutputStream());
            long sum = ((CheckedInputStream) in).getChecksum().getValue();
            return new Check(size, sum, size == file.size && sum == file.adler32);
        } catch (IOException e) {
            throw LenetException.badInput(display(raw) + ": cannot read MNIST file (" + IoErrors.describe(e) + ")", e);
        }
    }

    private static void unpack(Path gz, Path raw, File file, Path dir) {
        try {
            AtomicFiles.write(raw, out -> {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
                    // Never unpack more than the original's size: a bomb or a wrong file stops here.
                    in.transferTo(new LimitedOutputStream(out, file.size + 1));
                }
            });
        } catch (LimitedOutputStream.LimitExceeded e) {
            throw LenetException.badInput(display(gz) + ": MNIST archive unpacks to more than the " + file.size
                    + " bytes of " + file.fileName + "; " + restoreHint(dir));
        } catch (AccessDeniedException e) {
            throw LenetException.badInput(
                    display(dir) + ": cannot unpack " + file.gzName()
                            + " here (folder not writable); unpack it yourself or copy the folder somewhere writable",
                    e);
        } catch (IOException e) {
            throw LenetException.badInput(
                    display(gz) + ": not a valid gzip archive of " + file.fileName + " (" + IoErrors.describe(e) + "); "
                            + restoreHint(dir),
                    e);
        }
    }

    private static LenetException altered(Path path, File file, Check check, Path dir) {
        String what = check.size() < file.size ? "truncated" : "altered";
        return LenetException.badInput(display(path) + ": MNIST file " + what + " (expected " + file.fileName
                + " of " + file.size + " bytes with Adler-32 " + file.adler32 + ", found " + check.size()
                + " bytes with Adler-32 " + check.adler32() + "); " + restoreHint(dir));
    }

    private static String restoreHint(Path dir) {
        if (dir.toAbsolutePath().normalize().equals(LenetHome.defaultDataDir())) {
            return "restore the shipped copy with: git checkout -- data/mnist";
        }
        return "put the four original MNIST IDX files (raw or .gz) there, or drop --data-dir to use the shipped copy";
    }

    private static String display(Path path) {
        return LenetHome.display(path);
    }

    /** Fails once more than {@code limit} bytes were written. */
    private static final class LimitedOutputStream extends OutputStream {
        static final class LimitExceeded extends IOException {
            LimitExceeded() {
                super("size limit exceeded");
            }
        }

        private final OutputStream out;
        private final long limit;
        private long written;

        LimitedOutputStream(OutputStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > limit) {
                throw new LimitExceeded();
            }
            out.write(b, off, len);
        }
    }
}
