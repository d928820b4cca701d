package lenet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.deeplearning4j.datasets.mnist.MnistManager;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MNIST decoded once by DL4J's IDX reader ({@link MnistManager}) from a verified folder and held in memory as the
 * files' bytes, so that each epoch reuses the same arrays instead of decoding the files again.
 *
 * <p>Rows become data sets with the values DL4J's {@code MnistDataSetIterator} gives (features {@code [n,784]}: the
 * byte value divided by 255 in ND4J, no binarisation; one-hot labels), bit for bit ({@code MnistDataTest}), but
 * without its copy of every image as a Java {@code float[]}: that copy (188 MB for the training set) and a merged
 * copy of all 60,000 rows were most of training's peak memory. See {@link lenet.model.InputScaling}, which predict
 * applies to a person's images in the same way.
 */
public final class MnistData {
    public static final int TRAIN_SIZE = 60_000;
    public static final int TEST_SIZE = 10_000;
    private static final int PIXELS = 28 * 28;
    private static final int DIGITS = 10;

    private MnistData() {}

    /** The decoded images and labels of one of MNIST's two sets, in file order. */
    public static final class Images {
        private final byte[][] pixels;
        private final int[] labels;

        private Images(byte[][] pixels, int[] labels) {
            this.pixels = pixels;
            this.labels = labels;
        }

        public int size() {
            return labels.length;
        }

        /** The images at {@code indices}, in that order, as a new data set. */
        public DataSet rows(int[] indices) {
            INDArray features = Nd4j.createUninitialized(DataType.FLOAT, indices.length, PIXELS);
            INDArray oneHot = Nd4j.zeros(DataType.FLOAT, indices.length, DIGITS);
            FloatBuffer values = features.data().asNioFloat();
            FloatBuffer targets = oneHot.data().asNioFloat();
            for (int row = 0; row < indices.length; row++) {
                byte[] image = pixels[indices[row]];
                int offset = row * PIXELS;
                for (int i = 0; i < PIXELS; i++) {
                    values.put(offset + i, image[i] & 0xFF);
                }
                targets.put(row * DIGITS + labels[indices[row]], 1f);
            }
            features.divi(255.0); // as DL4J's MnistDataFetcher scales, so the same op gives the same bits
            return new DataSet(features, oneHot);
        }

        /** Every image, in file order. */
        public DataSet all() {
            return rows(IntStream.range(0, size()).toArray());
        }
    }

    /**
     * Frees a data set's native memory now rather than when the garbage collector finds it (with a large heap that
     * can be after the process has needed the memory again); nothing may use it afterwards.
     */
    public static void release(DataSet data) {
        if (data != null) {
            data.getFeatures().close();
            data.getLabels().close();
        }
    }

    /** The 60,000 training images and labels. */
    public static Images trainImages(Path dir) {
        return read(dir, true);
    }

    /** The 60,000 training images in file order, features {@code [n,784]} in [0,1], one-hot labels. */
    public static DataSet train(Path dir) {
        return trainImages(dir).all();
    }

    /** The 10,000 test images in file order. */
    public static DataSet test(Path dir) {
        return read(dir, false).all();
    }

    private static Images read(Path dir, boolean train) {
        Path verified = MnistFiles.prepare(dir);
        MnistFiles.File images = train ? MnistFiles.File.TRAIN_IMAGES : MnistFiles.File.TEST_IMAGES;
        MnistFiles.File labels = train ? MnistFiles.File.TRAIN_LABELS : MnistFiles.File.TEST_LABELS;
        int count = train ? TRAIN_SIZE : TEST_SIZE;
        try {
            MnistManager reader = new MnistManager(
                    verified.resolve(images.fileName).toString(),
                    verified.resolve(labels.fileName).toString(),
                    train);
            try {
                byte[][] pixels = new byte[count][];
                int[] digits = new int[count];
                for (int i = 0; i < count; i++) {
                    pixels[i] = reader.readImageUnsafe(i);
                    digits[i] = reader.readLabel(i);
                }
                return new Images(pixels, digits);
            } finally {
                reader.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
