package lenet.bench;

import java.util.Locale;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.data.Distortion;
import lenet.data.LabelSmoothing;
import lenet.data.RandomShift;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * What the training recipe's augmentation costs per batch, apart from training: the whole-pixel shift of the old
 * recipe against the default distortions with label smoothing, on 128 MNIST training images, alternated in rounds.
 *
 * <p>Run: {@code mvn -Pbench -q test-compile exec:java -Dexec.mainClass=lenet.bench.AugmentationCost}
 */
public final class AugmentationCost {
    public static void main(String[] args) {
        DataSet all = DatasetFiles.read(Dataset.MNIST, DatasetFiles.ownFolder(Dataset.MNIST), true)
                .all();
        DataSet batch = (DataSet) all.getRange(0, 128);
        RandomShift shift = new RandomShift(2, 42);
        Distortion distortion = new Distortion(new Distortion.Spec(2, 10, 0.1, 0.2, 1.5, 0), 42);
        LabelSmoothing smoothing = new LabelSmoothing(0.1);
        DataSetPreProcessor recipe = b -> {
            distortion.preProcess(b);
            smoothing.preProcess(b);
        };
        int batches = 2_000;
        for (int round = 1; round <= 4; round++) {
            double a = millisPerBatch(shift, batch, batches);
            double b = millisPerBatch(recipe, batch, batches);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: whole-pixel shift %.3f ms/batch, default distortions + label smoothing %.3f ms/batch%n",
                    round,
                    a,
                    b);
        }
    }

    private static double millisPerBatch(DataSetPreProcessor augmentation, DataSet batch, int batches) {
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            augmentation.preProcess(batch.copy());
        }
        return (System.nanoTime() - start) / 1e6 / batches;
    }
}
