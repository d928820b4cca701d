package lenet.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import lenet.core.IoErrors;
import lenet.core.LenetException;
import lenet.core.LenetHome;

/**
 * A dataset's four IDX files: where they are, and that they are the published ones. They are read from
 * {@code --data-dir}, else {@code data/NAME/} in the lenet folder, else a system copy (Debian's), else downloaded into
 * {@code data/NAME/} ({@link DatasetDownload}). A folder is only ever read: a {@code .gz} is unpacked in memory.
 */
public final class DatasetFiles {
    private DatasetFiles() {}

    /** The lenet folder's own copy of a dataset: {@code data/NAME}. */
    public static Path ownFolder(Dataset dataset) {
        return LenetHome.dir().resolve("data").resolve(dataset.id);
    }

    /**
     * The folder to read {@code dataset} from: {@code given} (which must hold its files), else the first of
     * {@code data/NAME} and the system copy that holds them all, else {@code data/NAME} after downloading them there.
     *
     * @throws LenetException (bad input) naming the folder and the file that is missing or not the published one
     */
    public static Path locate(Dataset dataset, Path given, Download.Listener progress) {
        if (given != null) {
            verify(dataset, given);
            return given;
        }
        Path own = ownFolder(dataset);
        if (complete(dataset, own)) {
            verify(dataset, own);
            return own;
        }
        if (dataset.systemCopy != null && complete(dataset, dataset.systemCopy)) {
            verify(dataset, dataset.systemCopy);
            return dataset.systemCopy;
        }
        DatasetDownload.into(dataset, own, progress);
        verify(dataset, own);
        return own;
    }

    /** Whether every file is in {@code dir}, raw or {@code .gz}. */
    public static boolean complete(Dataset dataset, Path dir) {
        return dataset.files.stream().allMatch(f -> present(dir, f));
    }

    static boolean present(Path dir, Dataset.DataFile file) {
        return Files.isRegularFile(dir.resolve(file.name())) || Files.isRegularFile(dir.resolve(file.gzName()));
    }

    /** Checks that {@code dir} holds the dataset's published files, each raw or {@code .gz}. */
    public static void verify(Dataset dataset, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw LenetException.badInput(LenetHome.display(dir) + ": " + dataset.title + " data folder "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist") + "; " + hint(dataset, dir));
        }
        for (Dataset.DataFile file : dataset.files) {
            path(dataset, dir, file);
        }
    }

    /**
     * The copy of {@code file} in {@code dir} to read: the raw file when it is the original (or, with no checksum of
     * the raw file known, when it is there), else the {@code .gz} when it is the published archive or unpacks to the
     * original.
     */
    static Path path(Dataset dataset, Path dir, Dataset.DataFile file) {
        Path raw = dir.resolve(file.name());
        String key = dataset.id + "|" + stamp(raw) + "|" + stamp(dir.resolve(file.gzName()));
        Path known = CHECKED.get(key);
        if (known != null) {
            return known; // checked earlier in this run (locate checks, then each set is read): not hashed again
        }
        Path checked = check(dataset, dir, file, raw);
        CHECKED.put(key, checked);
        return checked;
    }

    /** Files checked in this process, by dataset, path, size and time: a file changed since is checked again. */
    private static final Map<String, Path> CHECKED = new ConcurrentHashMap<>();

    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return file.toAbsolutePath() + ":" + attributes.fileKey() + ":" + attributes.size() + ":"
                    + attributes.lastModifiedTime().toInstant();
        } catch (IOException e) {
            return file.toAbsolutePath() + ":-";
        }
    }

    private static Path check(Dataset dataset, Path dir, Dataset.DataFile file, Path raw) {
        Path gz = dir.resolve(file.gzName());
        String rawSum = null;
        if (Files.isRegularFile(raw)) {
            if (file.rawMd5() == null) {
                return raw; // its structure is checked as it is read
            }
            rawSum = md5(dataset, raw, -1);
            if (rawSum.equals(file.rawMd5())) {
                return raw;
            }
            if (!Files.isRegularFile(gz)) {
                IdxFile.checkSize(raw, file.kind(), file.count()); // truncated, or longer: says so
                throw altered(dataset, raw, rawSum, file.rawMd5(), dir);
            }
            // a raw copy that is not the original beside the archive: the archive is read instead
        }
        if (Files.isRegularFile(gz)) {
            checkArchive(dataset, file, gz, dir);
            return gz;
        }
        throw LenetException.badInput(LenetHome.display(raw) + ": " + dataset.title + " file missing (expected "
                + file.name() + " or " + file.gzName() + " in " + LenetHome.display(dir) + "); " + hint(dataset, dir));
    }

    /**
     * Checks that {@code gz} is the published archive of {@code file}, or another compression of the original (as
     * Debian's copy is).
     */
    static void checkArchive(Dataset dataset, Dataset.DataFile file, Path gz, Path dir) {
        String gzSum = md5(dataset, gz, -1);
        if (gzSum.equals(file.gzMd5()) || file.gzMd5() == null && file.rawMd5() == null) {
            return;
        }
        if (file.rawMd5() == null) {
            throw altered(dataset, gz, gzSum, file.gzMd5(), dir);
        }
        String unpacked = md5(dataset, gz, IdxFile.size(file.kind(), file.count()));
        if (!unpacked.equals(file.rawMd5())) {
            throw altered(dataset, gz, "unpacked " + unpacked, file.rawMd5(), dir);
        }
    }

    private static LenetException altered(Dataset dataset, Path file, String found, String original, Path dir) {
        return LenetException.badInput(LenetHome.display(file) + ": " + dataset.title + " file altered (MD5 " + found
                + ", the published file's " + original + "); " + hint(dataset, dir));
    }

    /** What to do about a folder that does not hold the dataset. */
    static String hint(Dataset dataset, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (dataset == Dataset.MNIST && abs.equals(ownFolder(dataset))) {
            return "restore the shipped copy with: git checkout -- data/mnist";
        }
        String files = dataset.files.stream().map(Dataset.DataFile::gzName).collect(Collectors.joining(", "));
        if (abs.equals(ownFolder(dataset))) {
            return "delete the folder for lenet to download it again, or put " + files + " there";
        }
        return "put " + files + " there, or drop --data-dir";
    }

    /**
     * The lower-case hex MD5 of a file, or with {@code unpackedSize} at 0 or more, of what it unpacks to, which must
     * not be longer than that (a gzip bomb stops there).
     */
    static String md5(Dataset dataset, Path file, long unpackedSize) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = raw;
            if (unpackedSize >= 0) {
                try {
                    in = new GZIPInputStream(raw, 1 << 16);
                } catch (IOException e) {
                    throw notGzip(dataset, file, e);
                }
            }
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = read(dataset, file, in, buffer, unpackedSize >= 0)) > 0; ) {
                total += n;
                if (unpackedSize >= 0 && total > unpackedSize) {
                    throw LenetException.badInput(LenetHome.display(file) + ": " + dataset.title + " archive unpacks "
                            + "to more than the " + unpackedSize + " bytes of the original; "
                            + hint(dataset, file.getParent()));
                }
                md5.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(file) + ": cannot read " + dataset.title + " file (" + IoErrors.describe(e) + ")",
                    e);
        }
    }

    private static int read(Dataset dataset, Path file, InputStream in, byte[] buffer, boolean gzip)
            throws IOException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            if (gzip) {
                throw notGzip(dataset, file, e);
            }
            throw e;
        }
    }

    private static LenetException notGzip(Dataset dataset, Path file, IOException e) {
        return LenetException.badInput(
                LenetHome.display(file) + ": not a valid gzip archive (" + IoErrors.describe(e) + "); "
                        + hint(dataset, file.getParent()),
                e);
    }

    /** The training set ({@code train}) or the test set of a dataset in a verified folder. */
    public static DatasetImages read(Dataset dataset, Path dir, boolean train) {
        List<Dataset.DataFile> files = dataset.files;
        Dataset.DataFile images = files.get(train ? 0 : 2);
        Dataset.DataFile labels = files.get(train ? 1 : 3);
        Path labelPath = path(dataset, dir, labels);
        int[] classes = IdxFile.labels(labelPath, labels.kind(), labels.count(), dataset.labelOffset());
        checkLabels(labelPath, classes, dataset.classes.size(), dataset.classes.names());
        byte[] pixels = IdxFile.images(path(dataset, dir, images), images.count(), dataset.transposed());
        return new DatasetImages(pixels, classes, dataset.classes.size());
    }

    /** Every label names a class, and every class has images. */
    static void checkLabels(Path file, int[] labels, int classes, List<String> names) {
        int[] counts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw IdxFile.bad(
                        file,
                        "label " + labels[i] + " of item " + i + " is out of range (" + classes + " classes: 0 to "
                                + (classes - 1) + ")");
            }
            counts[labels[i]]++;
        }
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                throw IdxFile.bad(file, "no images of class " + c + " (" + names.get(c) + ")");
            }
        }
    }
}
