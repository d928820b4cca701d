package lenet.data;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import lenet.model.InputScaling;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled 28×28 images held in memory as their bytes (one array, 784 bytes an image), so that each epoch cuts its
 * batches from the same arrays instead of decoding files again: one of a dataset's two sets, or a person's own images.
 *
 * <p>Rows become data sets with the values DL4J's {@code MnistDataSetIterator} gives for MNIST (features
 * {@code [n,784]}: the byte value divided by 255 in ND4J; one-hot labels), bit for bit ({@code DatasetImagesTest}),
 * without its copy of every image as a Java {@code float[]}. See {@link lenet.model.InputScaling}, which predict
 * applies to a person's images in the same way.
 */
public final class DatasetImages {
    private final byte[] pixels;
    private final int[] labels;
    private final int classes;

    /**
     * @param pixels  {@code labels.length × 784} grey bytes, row-major, ink bright
     * @param labels  each image's class, {@code 0 ≤ label < classes}
     * @param classes how many classes the labels come from (the width of the one-hot rows)
     */
    public DatasetImages(byte[] pixels, int[] labels, int classes) {
        if (pixels.length != labels.length * InputScaling.PIXELS) {
            throw new IllegalArgumentException(pixels.length + " bytes for " + labels.length + " images");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.classes = classes;
    }

    /** A person's images as read from their folder. */
    public static DatasetImages of(ImageFolder.Part part, int classes) {
        byte[] pixels = new byte[part.size() * InputScaling.PIXELS];
        for (int i = 0; i < part.size(); i++) {
            System.arraycopy(part.pixels()[i], 0, pixels, i * InputScaling.PIXELS, InputScaling.PIXELS);
        }
        return new DatasetImages(pixels, part.labels(), classes);
    }

    public int size() {
        return labels.length;
    }

    public int classes() {
        return classes;
    }

    public int label(int index) {
        return labels[index];
    }

    /** The images at {@code indices}, in that order, as a new data set. */
    public DataSet rows(int[] indices) {
        INDArray features = Nd4j.createUninitialized(DataType.FLOAT, indices.length, InputScaling.PIXELS);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, indices.length, classes);
        FloatBuffer values = features.data().asNioFloat();
        FloatBuffer targets = oneHot.data().asNioFloat();
        for (int row = 0; row < indices.length; row++) {
            int from = indices[row] * InputScaling.PIXELS;
            int offset = row * InputScaling.PIXELS;
            for (int i = 0; i < InputScaling.PIXELS; i++) {
                values.put(offset + i, pixels[from + i] & 0xFF);
            }
            targets.put(row * classes + labels[indices[row]], 1f);
        }
        features.divi(255.0); // as DL4J's MnistDataFetcher scales, so the same op gives the same bits
        return new DataSet(features, oneHot);
    }

    /** Every image, in order. */
    public DataSet all() {
        return rows(IntStream.range(0, size()).toArray());
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
}
