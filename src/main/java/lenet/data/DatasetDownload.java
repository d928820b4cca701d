package lenet.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import lenet.core.AtomicFiles;
import lenet.core.IoErrors;
import lenet.core.LenetException;
import lenet.core.LenetHome;

/**
 * Downloads a dataset's missing files from its published address into {@code data/NAME}, each checked against its
 * published MD5 before it is renamed into place ({@link Download}); EMNIST's one zip is kept in {@code data/emnist}
 * and its split's four files taken from it.
 */
final class DatasetDownload {
    /** No data arriving for this long ends a download. */
    static final Duration STALL = Duration.ofSeconds(60);
    /** The largest file lenet downloads: EMNIST's zip is 561,753,746 bytes. */
    static final long MAX_BYTES = 600L << 20;

    private DatasetDownload() {}

    static void into(Dataset dataset, Path dir, Download.Listener progress) {
        try {
            if (dataset.zipped()) {
                fromZip(dataset, dir, progress);
                return;
            }
            for (Dataset.DataFile file : dataset.files) {
                if (!DatasetFiles.present(dir, file)) {
                    fetch(dataset, file, dir, progress);
                }
            }
        } catch (Download.Unreachable e) {
            throw LenetException.badInput(noNetwork(dataset, dir, e), e);
        }
    }

    /**
     * The published address, or with {@code -Dlenet.datasets.mirror=URL} a copy laid out as lenet's data folder:
     * {@code URL/NAME/FILE.gz}, and EMNIST's {@code URL/emnist/gzip.zip} (for a machine that reaches only a local copy;
     * any web server on another lenet's {@code data} folder is one).
     */
    static String address(Dataset dataset) {
        String mirror = System.getProperty(MIRROR);
        if (mirror == null || mirror.isBlank()) {
            return dataset.address;
        }
        String base = mirror.endsWith("/") ? mirror : mirror + "/";
        return dataset.zipped() ? base + "emnist/" + Dataset.Emnist.ZIP_NAME : base + dataset.id + "/";
    }

    /** The system property naming a copy of the datasets' files. */
    static final String MIRROR = "lenet.datasets.mirror";

    /**
     * One file: downloaded beside its place under a hidden name, checked as {@link DatasetFiles#checkArchive} checks
     * any copy, then renamed into place; a file that fails is deleted, so nothing a later run would read is left.
     */
    private static void fetch(Dataset dataset, Dataset.DataFile file, Path dir, Download.Listener progress)
            throws Download.Unreachable {
        URI source = URI.create(address(dataset) + file.gzName());
        Path target = dir.resolve(file.gzName());
        Path unchecked = dir.resolve("." + file.gzName() + ".unchecked");
        try {
            progress.fetching(source);
            Download.fetch(source, unchecked, null, MAX_BYTES, STALL, progress);
            try {
                DatasetFiles.checkArchive(dataset, file, unchecked, dir);
            } catch (LenetException e) { // named by the address it came from, not the hidden file
                throw LenetException.badInput(
                        source + ": " + e.getMessage().replace(LenetHome.display(unchecked) + ": ", "")
                                + "; nothing kept",
                        e);
            }
            Files.move(unchecked, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Download.Unreachable e) {
            throw e;
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(target) + ": cannot move the download into place (" + IoErrors.describe(e) + ")",
                    e);
        } finally {
            try {
                Files.deleteIfExists(unchecked);
            } catch (IOException ignored) {
                // a hidden leftover no run reads
            }
        }
    }

    /** One line: where the files are published, where to put them, and the system package where there is one. */
    static String noNetwork(Dataset dataset, Path dir, Download.Unreachable e) {
        String put = dataset.zipped()
                ? "download " + address(dataset) + " yourself and put it in "
                        + LenetHome.display(zipPath(dir).getParent()) + " (or its four " + dataset.id + "-*.gz in "
                        + LenetHome.display(dir) + ")"
                : "download its four .gz files from " + address(dataset) + " yourself and put them in "
                        + LenetHome.display(dir);
        return "cannot download " + dataset.title + " (" + e.getMessage() + "); " + put
                + (dataset.systemCopy == null
                        ? ""
                        : ", or install Debian's dataset-" + dataset.id + " package (it puts them in "
                                + dataset.systemCopy + ")");
    }

    /** Where EMNIST's zip is kept, once for its three splits: {@code data/emnist/gzip.zip}. */
    static Path zipPath(Path dir) {
        return dir.resolveSibling("emnist").resolve(Dataset.Emnist.ZIP_NAME);
    }

    /** EMNIST: the published zip (downloaded once for every split), then this split's four {@code .gz} from it. */
    private static void fromZip(Dataset dataset, Path dir, Download.Listener progress) throws Download.Unreachable {
        Path zip = zipPath(dir);
        if (!Files.isRegularFile(zip) || !DatasetFiles.md5(dataset, zip, -1).equals(Dataset.Emnist.ZIP_MD5)) {
            progress.fetching(URI.create(address(dataset)));
            Download.fetch(URI.create(address(dataset)), zip, Dataset.Emnist.ZIP_MD5, MAX_BYTES, STALL, progress);
        }
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (Dataset.DataFile file : dataset.files) {
                ZipEntry entry = archive.getEntry(Dataset.Emnist.ZIP_FOLDER + file.gzName());
                if (entry == null) {
                    throw LenetException.badInput(LenetHome.display(zip) + ": has no " + Dataset.Emnist.ZIP_FOLDER
                            + file.gzName() + "; delete it for lenet to download it again");
                }
                AtomicFiles.write(dir.resolve(file.gzName()), out -> {
                    try (InputStream in = archive.getInputStream(entry)) {
                        in.transferTo(out); // the zip checks each entry's CRC-32 as it is read
                    }
                });
            }
        } catch (IOException e) {
            throw LenetException.badInput(LenetHome.display(zip) + ": cannot unpack (" + IoErrors.describe(e) + ")", e);
        }
    }
}
