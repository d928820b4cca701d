package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import java.util.zip.CheckedInputStream;
import java.util.zip.GZIPOutputStream;
import lenet.testing.MnistImages;
import lenet.testing.SystemPropertyGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a dataset's files are found and that they are the published ones, against oracles of their own: DL4J's
 * Adler-32 sums of MNIST, Debian's copy of Fashion-MNIST and the balanced classes its authors publish.
 */
class DatasetFilesTest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @RegisterExtension
    final SystemPropertyGuard home = new SystemPropertyGuard("lenet.home");

    @TempDir
    Path dir;

    private static Dataset.DataFile file(String name) {
        return Dataset.MNIST.files.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** A folder with links to the shipped archives, but for {@code own}, which the test makes. */
    private void linkAllBut(String own) throws IOException {
        for (Dataset.DataFile f : Dataset.MNIST.files) {
            if (!f.name().equals(own)) {
                Files.createSymbolicLink(
                        dir.resolve(f.gzName()),
                        MnistImages.SHIPPED_DATA.resolve(f.gzName()).toAbsolutePath());
            }
        }
    }

    @Test
    void theRawChecksumsNameTheFilesDl4jKnowsAsMnist() throws IOException {
        // DL4J's MnistFetcher checks the unpacked files against these Adler-32 sums
        Map<String, Long> dl4j = Map.of(
                "train-images-idx3-ubyte", 2_094_436_111L,
                "train-labels-idx1-ubyte", 4_008_842_612L,
                "t10k-images-idx3-ubyte", 2_165_396_896L,
                "t10k-labels-idx1-ubyte", 2_212_998_611L);
        for (Dataset.DataFile f : Dataset.MNIST.files) {
            Path raw = MnistImages.rawData().resolve(f.name());
            try (InputStream in = new CheckedInputStream(Files.newInputStream(raw), new Adler32())) {
                in.transferTo(OutputStream.nullOutputStream());
                assertThat(((CheckedInputStream) in).getChecksum().getValue()).isEqualTo(dl4j.get(f.name()));
            }
            assertThat(DatasetFiles.md5(Dataset.MNIST, raw, -1)).as(f.name()).isEqualTo(f.rawMd5());
            assertThat(Files.size(raw)).isEqualTo(IdxFile.size(f.kind(), f.count()));
        }
    }

    @Test
    void theShippedArchivesAreReadInPlaceAndNothingIsWritten() throws IOException {
        linkAllBut("none");
        List<String> before = listing(dir);

        DatasetImages test = DatasetFiles.read(Dataset.MNIST, dir, false);

        assertThat(test.size()).isEqualTo(10_000);
        assertThat(listing(dir)).isEqualTo(before);
    }

    @Test
    void debiansFashionMnistIsVerifiedAndReadInPlace() throws IOException {
        assumeTrue(Files.isDirectory(FASHION), "needs Debian's dataset-fashion-mnist (apt-get install it)");
        List<String> before = listing(FASHION);

        DatasetFiles.verify(Dataset.FASHION_MNIST, FASHION);
        DatasetImages train = DatasetFiles.read(Dataset.FASHION_MNIST, FASHION, true);
        DatasetImages test = DatasetFiles.read(Dataset.FASHION_MNIST, FASHION, false);

        // Zalando publishes 6,000 training and 1,000 test images of each of the 10 classes
        assertThat(counts(train)).containsOnly(6_000);
        assertThat(counts(test)).containsOnly(1_000);
        assertThat(listing(FASHION)).isEqualTo(before);
    }

    @Test
    void aSystemCopyIsTakenWhenTheLenetFolderHasNone() {
        assumeTrue(Files.isDirectory(FASHION), "needs Debian's dataset-fashion-mnist (apt-get install it)");
        System.setProperty("lenet.home", dir.toString());

        assertThat(DatasetFiles.locate(Dataset.FASHION_MNIST, null, Download.Listener.NONE))
                .isEqualTo(FASHION);
    }

    @Test
    void aRawCopyNotTheOriginalBesideItsArchiveGivesWayToTheArchive() throws IOException {
        linkAllBut("none");
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {1, 2, 3});

        assertThat(DatasetFiles.path(Dataset.MNIST, dir, file("t10k-labels-idx1-ubyte")))
                .isEqualTo(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void aTruncatedRawFileSaysHowShort() throws IOException {
        linkAllBut("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(MnistImages.rawData().resolve("t10k-labels-idx1-ubyte"));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> DatasetFiles.verify(Dataset.MNIST, dir))
                .hasMessage(dir.resolve("t10k-labels-idx1-ubyte") + ": truncated (9,908 of its 10,008 bytes)");
    }

    @Test
    void oneFlippedByteIsCaughtByItsChecksum() throws IOException {
        linkAllBut("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(MnistImages.rawData().resolve("t10k-labels-idx1-ubyte"));
        bytes[5000] ^= 0x01;
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), bytes);

        assertThatThrownBy(() -> DatasetFiles.verify(Dataset.MNIST, dir))
                .hasMessageStartingWith(dir.resolve("t10k-labels-idx1-ubyte") + ": MNIST file altered (MD5 ")
                .hasMessageContaining("the published file's 27ae3e4e09519cfbb04c329615203637");
    }

    @Test
    void aFileChangedAfterItWasCheckedIsCheckedAgain() throws IOException {
        linkAllBut("t10k-labels-idx1-ubyte");
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(MnistImages.rawData().resolve("t10k-labels-idx1-ubyte"));
        Files.write(labels, bytes);
        DatasetFiles.verify(Dataset.MNIST, dir); // checked once, and remembered for this run

        bytes[5000] ^= 0x01; // the same size, written in place
        Files.write(labels, bytes);

        assertThatThrownBy(() -> DatasetFiles.verify(Dataset.MNIST, dir))
                .hasMessageStartingWith(labels + ": MNIST file altered (MD5 ");
    }

    @Test
    void anArchiveOfAlteredDataIsRefused() throws IOException {
        linkAllBut("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(MnistImages.rawData().resolve("t10k-labels-idx1-ubyte"));
        bytes[9] ^= 0x40;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("t10k-labels-idx1-ubyte.gz")))) {
            out.write(bytes);
        }

        assertThatThrownBy(() -> DatasetFiles.verify(Dataset.MNIST, dir))
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz: MNIST file altered (MD5 unpacked ");
        assertThat(dir.resolve("t10k-labels-idx1-ubyte")).doesNotExist();
    }

    @Test
    void aCutArchiveIsNamedAsNotGzip() throws IOException {
        linkAllBut("t10k-labels-idx1-ubyte");
        byte[] gz = Files.readAllBytes(MnistImages.SHIPPED_DATA.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> DatasetFiles.verify(Dataset.MNIST, dir))
                .hasMessageStartingWith(dir.resolve("t10k-labels-idx1-ubyte.gz") + ": not a valid gzip archive");
    }

    @Test
    void aMissingFileSaysWhatWasExpectedAndWhere() throws IOException {
        linkAllBut("train-labels-idx1-ubyte");

        assertThatThrownBy(() -> DatasetFiles.verify(Dataset.MNIST, dir))
                .hasMessageContaining("MNIST file missing (expected train-labels-idx1-ubyte or "
                        + "train-labels-idx1-ubyte.gz in " + dir + ")");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path nowhere = dir.resolve("nowhere");
        assertThatThrownBy(() -> DatasetFiles.verify(Dataset.FASHION_MNIST, nowhere))
                .hasMessageStartingWith(nowhere + ": Fashion-MNIST data folder does not exist");
    }

    private static int[] counts(DatasetImages images) {
        int[] counts = new int[images.classes()];
        for (int i = 0; i < images.size(); i++) {
            counts[images.label(i)]++;
        }
        return counts;
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> {
                        try {
                            return p.getFileName() + " " + Files.size(p) + " " + Files.getLastModifiedTime(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
