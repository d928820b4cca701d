package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFilesTest {
    static final Path SHIPPED = LenetHome.defaultDataDir();

    @TempDir
    Path dir;

    @BeforeAll
    static void shippedDataIsUnpacked() {
        MnistFiles.prepare(SHIPPED);
    }

    /** A data folder with links to the verified shipped raw files, except for {@code own}, which the test makes. */
    private void linkAllBut(MnistFiles.File own) throws IOException {
        for (MnistFiles.File f : MnistFiles.File.values()) {
            if (f != own) {
                Files.createSymbolicLink(
                        dir.resolve(f.fileName), SHIPPED.resolve(f.fileName).toAbsolutePath());
            }
        }
    }

    private static byte[] original(MnistFiles.File f) throws IOException {
        return Files.readAllBytes(SHIPPED.resolve(f.fileName));
    }

    @Test
    void shippedFilesMatchDl4jChecksums() {
        for (MnistFiles.File f : MnistFiles.File.values()) {
            MnistFiles.Check check = MnistFiles.check(SHIPPED.resolve(f.fileName), f);
            assertThat(check.ok()).as(f.fileName).isTrue();
            assertThat(check.size()).isEqualTo(f.size);
            assertThat(check.adler32()).isEqualTo(f.adler32);
        }
    }

    @Test
    void gzipOnlyFolderIsUnpackedNextToTheArchivesAndVerified() throws IOException {
        for (MnistFiles.File f : MnistFiles.File.values()) {
            Files.copy(SHIPPED.resolve(f.gzName()), dir.resolve(f.gzName()));
        }

        MnistFiles.prepare(dir);

        for (MnistFiles.File f : MnistFiles.File.values()) {
            assertThat(dir.resolve(f.fileName)).hasSize(f.size);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void truncatedFileIsNamedWithExpectedSizeAndChecksum() throws IOException {
        MnistFiles.File f = MnistFiles.File.TEST_LABELS;
        linkAllBut(f);
        byte[] bytes = original(f);
        Files.write(dir.resolve(f.fileName), java.util.Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> MnistFiles.prepare(dir))
                .isInstanceOf(LenetException.class)
                .hasMessageContaining(dir.resolve(f.fileName).toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("10008 bytes with Adler-32 2212998611")
                .hasMessageContaining("found 9908 bytes")
                .satisfies(e -> assertThat(((LenetException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void flippedByteIsCaught() throws IOException {
        MnistFiles.File f = MnistFiles.File.TEST_LABELS;
        linkAllBut(f);
        byte[] bytes = original(f);
        bytes[5000] ^= 0x01;
        Files.write(dir.resolve(f.fileName), bytes);

        assertThatThrownBy(() -> MnistFiles.prepare(dir))
                .isInstanceOf(LenetException.class)
                .hasMessageContaining(f.fileName)
                .hasMessageContaining("altered")
                .hasMessageContaining("found 10008 bytes");
    }

    @Test
    void damagedRawCopyIsUnpackedAgainFromItsArchive() throws IOException {
        MnistFiles.File f = MnistFiles.File.TEST_LABELS;
        linkAllBut(f);
        Files.write(dir.resolve(f.fileName), new byte[] {1, 2, 3});
        Files.copy(SHIPPED.resolve(f.gzName()), dir.resolve(f.gzName()));

        MnistFiles.prepare(dir);

        assertThat(dir.resolve(f.fileName)).hasSize(f.size);
    }

    @Test
    void archiveOfAlteredDataIsRejectedAndLeavesNoRawFile() throws IOException {
        MnistFiles.File f = MnistFiles.File.TEST_LABELS;
        linkAllBut(f);
        byte[] bytes = original(f);
        bytes[9] ^= 0x40;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(f.gzName())))) {
            out.write(bytes);
        }

        assertThatThrownBy(() -> MnistFiles.prepare(dir))
                .hasMessageContaining(f.gzName())
                .hasMessageContaining("altered");
        assertThat(dir.resolve(f.fileName)).doesNotExist();
    }

    @Test
    void corruptArchiveIsNamed() throws IOException {
        MnistFiles.File f = MnistFiles.File.TEST_LABELS;
        linkAllBut(f);
        byte[] gz = Files.readAllBytes(SHIPPED.resolve(f.gzName()));
        Files.write(dir.resolve(f.gzName()), java.util.Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> MnistFiles.prepare(dir))
                .hasMessageStartingWith(dir.resolve(f.gzName()).toString())
                .hasMessageContaining("not a valid gzip archive");
    }

    @Test
    void missingFileSaysWhatWasExpectedAndWhere() throws IOException {
        linkAllBut(MnistFiles.File.TRAIN_LABELS);

        assertThatThrownBy(() -> MnistFiles.prepare(dir))
                .hasMessageContaining("MNIST file missing")
                .hasMessageContaining("train-labels-idx1-ubyte or train-labels-idx1-ubyte.gz");
    }

    @Test
    void missingFolderIsNamed() {
        Path nowhere = dir.resolve("nowhere");
        assertThatThrownBy(() -> MnistFiles.prepare(nowhere))
                .hasMessageStartingWith(nowhere.toString())
                .hasMessageContaining("does not exist");
    }
}
