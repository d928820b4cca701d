package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import lenet.core.LenetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each family's published format, on small files the test writes byte by byte from the formats' descriptions
 * (LeCun's IDX, EMNIST's column-major images and 1–26 letters, QMNIST's idx2-int rows), and hostile headers.
 */
class IdxFileTest {
    @TempDir
    Path dir;

    /** Writes an IDX file: the magic number's type and dimension count, the dimensions, then {@code body}. */
    private Path idx(String name, int type, int[] dims, byte[] body, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream packed = gzip ? new GZIPOutputStream(raw) : raw;
                DataOutputStream out = new DataOutputStream(packed)) {
            out.writeInt(type << 8 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(body);
        }
        return file;
    }

    /** Two 28×28 images: the first with one lit pixel at row 1, column 5; the second all 7. */
    private static byte[] twoImages() {
        byte[] body = new byte[2 * 784];
        body[28 + 5] = (byte) 200;
        java.util.Arrays.fill(body, 784, 2 * 784, (byte) 7);
        return body;
    }

    @Test
    void rawAndGzipReadTheSameImages() throws IOException {
        byte[] raw = IdxFile.images(idx("a-idx3-ubyte", 0x08, new int[] {2, 28, 28}, twoImages(), false), 2, false);
        byte[] gz = IdxFile.images(idx("b-idx3-ubyte.gz", 0x08, new int[] {2, 28, 28}, twoImages(), true), 2, false);

        assertThat(raw).isEqualTo(twoImages()).isEqualTo(gz);
        assertThat(raw[28 + 5] & 0xFF).isEqualTo(200);
    }

    @Test
    void emnistImagesAreStoredColumnByColumnAndTurnedTheRightWayRound() throws IOException {
        byte[] pixels = IdxFile.images(idx("e-idx3-ubyte", 0x08, new int[] {2, 28, 28}, twoImages(), false), 2, true);

        // the byte at row 1, column 5 of the file is, in a column-major file, column 1, row 5 of the image
        assertThat(pixels[5 * 28 + 1] & 0xFF).isEqualTo(200);
        assertThat(pixels[28 + 5]).isZero();
        assertThat(pixels[784]).isEqualTo((byte) 7);
    }

    @Test
    void emnistLettersCountFromOne() throws IOException {
        Path file = idx("l-idx1-ubyte", 0x08, new int[] {3}, new byte[] {1, 26, 5}, false);

        int[] labels = IdxFile.labels(file, IdxFile.Kind.LABELS, 3, Dataset.EMNIST_LETTERS.labelOffset());

        assertThat(labels).containsExactly(0, 25, 4);
        assertThat(Dataset.EMNIST_LETTERS.classes.name(labels[1])).isEqualTo("Z");
        assertThat(Dataset.EMNIST_BALANCED.classes.size()).isEqualTo(47);
        assertThat(Dataset.EMNIST_BALANCED.classes.name(36)).isEqualTo("a");
    }

    @Test
    void qmnistLabelsAreTheFirstOfEightIntsARow() throws IOException {
        // QMNIST's columns: digit, NIST class, writer, ...; big-endian 32-bit ints, type 0x0C
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (int[] row : new int[][] {{7, 4, 2100, 0, 5, 3, 0, 0}, {2, 4, 2101, 1, 9, 1, 0, 0}}) {
            for (int v : row) {
                out.writeInt(v);
            }
        }
        Path file = idx("q-labels-idx2-int", 0x0C, new int[] {2, 8}, body.toByteArray(), true);

        assertThat(IdxFile.labels(file, IdxFile.Kind.QMNIST_LABELS, 2, 0)).containsExactly(7, 2);
    }

    @Test
    void aWrongMagicNumberIsNamed() throws IOException {
        Path labels = idx("x-idx1-ubyte", 0x08, new int[] {2}, new byte[] {1, 2}, false);

        assertThatThrownBy(() -> IdxFile.images(labels, 2, false))
                .isInstanceOf(LenetException.class)
                .hasMessage(labels + ": not an IDX image file (magic number 0x00000801, expected 0x00000803)");
    }

    @Test
    void aHeaderClaimingBillionsIsRefusedBeforeAnythingIsAllocated() throws IOException {
        Path file = idx("big-idx3-ubyte", 0x08, new int[] {2_000_000_000, 28, 28}, twoImages(), false);

        assertThatThrownBy(() -> IdxFile.images(file, 0, false))
                .hasMessage(file + ": header claims 2,000,000,000 items; lenet reads at most 1,000,000 from one file");
    }

    @Test
    void aCountThatDisagreesWithTheDatasetOrTheSizeIsNamed() throws IOException {
        Path short3 = idx("s-idx3-ubyte", 0x08, new int[] {3, 28, 28}, twoImages(), false);
        Path two = idx("t-idx3-ubyte", 0x08, new int[] {2, 28, 28}, twoImages(), false);

        assertThatThrownBy(() -> IdxFile.images(short3, 0, false))
                .hasMessage(short3 + ": truncated: the header says 3 images (2,352 bytes), the file holds 1,568");
        assertThatThrownBy(() -> IdxFile.images(two, 60_000, false))
                .hasMessage(two + ": holds 2 items; this file has 60,000");
        assertThatThrownBy(() -> IdxFile.checkSize(short3, IdxFile.Kind.IMAGES, 3))
                .hasMessage(short3 + ": truncated (1,584 of its 2,368 bytes)");
    }

    @Test
    void imagesOfAnotherSizeAndTrailingBytesAreRefused() throws IOException {
        Path small = idx("m-idx3-ubyte", 0x08, new int[] {1, 14, 14}, new byte[196], false);
        byte[] more = java.util.Arrays.copyOf(twoImages(), 2 * 784 + 5);
        Path longer = idx("n-idx3-ubyte", 0x08, new int[] {2, 28, 28}, more, false);

        assertThatThrownBy(() -> IdxFile.images(small, 0, false))
                .hasMessage(small + ": images of 14×14 pixels; lenet reads 28×28");
        assertThatThrownBy(() -> IdxFile.images(longer, 0, false))
                .hasMessage(longer + ": longer than its header says (2 images)");
    }

    @Test
    void labelsOutOfRangeAndClassesWithoutImagesAreNamed() {
        Path file = dir.resolve("labels");
        java.util.List<String> names = Dataset.FASHION_MNIST.classes.names();

        assertThatThrownBy(() -> DatasetFiles.checkLabels(file, new int[] {0, 1, 12}, 10, names))
                .hasMessage(file + ": label 12 of item 2 is out of range (10 classes: 0 to 9)");
        int[] noSneakers = new int[] {0, 1, 2, 3, 4, 5, 6, 8, 9};
        assertThatThrownBy(() -> DatasetFiles.checkLabels(file, noSneakers, 10, names))
                .hasMessage(file + ": no images of class 7 (Sneaker)");
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty-idx1-ubyte"));

        assertThatThrownBy(() -> IdxFile.labels(empty, IdxFile.Kind.LABELS, 0, 0))
                .hasMessage(empty + ": empty or too short for an IDX header");
    }
}
