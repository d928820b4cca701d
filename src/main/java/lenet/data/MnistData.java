package lenet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;

/**
 * MNIST read through DL4J's {@link MnistDataSetIterator} from a verified folder and held in memory, so
 * that each epoch reuses the same arrays instead of decoding the IDX files again.
 *
 * <p>Pixels are scaled to [0,1] by {@code MnistDataSetIterator} (value / 255, no binarisation): see
 * {@link lenet.model.InputScaling}, which predict applies to a person's images in the same way.
 */
public final class MnistData {
    public static final int TRAIN_SIZE = 60_000;
    public static final int TEST_SIZE = 10_000;
    private static final int READ_BATCH = 10_000;

    private MnistData() {}

    /** The 60,000 training images in file order, features {@code [n,784]} in [0,1], one-hot labels. */
    public static DataSet train(Path dir) {
        return read(dir, true, TRAIN_SIZE);
    }

    /** The 10,000 test images in file order. */
    public static DataSet test(Path dir) {
        return read(dir, false, TEST_SIZE);
    }

    private static DataSet read(Path dir, boolean train, int count) {
        Path verified = MnistFiles.prepare(dir);
        try {
            MnistDataSetIterator it =
                    new MnistDataSetIterator(READ_BATCH, count, false, train, false, 0, verified.toFile());
            List<DataSet> parts = new ArrayList<>();
            while (it.hasNext()) {
                parts.add(it.next());
            }
            it.close();
            return DataSet.merge(parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of {@code all} at {@code indices}, copied, in that order. */
    public static DataSet rows(DataSet all, int[] indices) {
        return new DataSet(all.getFeatures().getRows(indices), all.getLabels().getRows(indices));
    }
}
