package lenet.bench;

import java.util.Locale;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.data.Distortion;
import lenet.data.FlaggedOnes;
import lenet.data.LabelSmoothing;
import lenet.data.RandomShift;
import lenet.model.HyperParameters;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * What the training recipe's augmentation costs per batch, apart from training: the whole-pixel shift of the peers'
 * recipe against the default recipe's (flagged 1s, distortions and label smoothing, at
 * {@link HyperParameters#defaults()}), on 128 MNIST training images, alternated in rounds; each side's best round is
 * printed last. With 2 threads (the distortions share the batch between two), as training runs.
 *
 * <p>Run: {@code OMP_NUM_THREADS=2 java -cp "target/lenet.jar:target/test-classes:$(cat target/test-classpath.txt)"
 * lenet.bench.AugmentationCost}
 */
public final class AugmentationCost {
    public static void main(String[] args) {
        DataSet all = DatasetFiles.read(Dataset.MNIST, DatasetFiles.ownFolder(Dataset.MNIST), true)
                .all();
        DataSet batch = (DataSet) all.getRange(0, 128);
        HyperParameters hp = HyperParameters.defaults();
        RandomShift shift = new RandomShift(hp.shift(), hp.seed());
        FlaggedOnes flagged = new FlaggedOnes(hp.flaggedOnes(), hp.seed());
        Distortion distortion = new Distortion(
                new Distortion.Spec(hp.shift(), hp.rotation(), hp.scale(), hp.shear(), hp.elastic(), hp.thickness()),
                hp.seed());
        LabelSmoothing smoothing = new LabelSmoothing(hp.labelSmoothing());
        DataSetPreProcessor recipe = b -> {
            flagged.preProcess(b);
            distortion.preProcess(b);
            smoothing.preProcess(b);
        };
        int batches = 2_000;
        double bestShift = Double.MAX_VALUE, bestRecipe = Double.MAX_VALUE;
        for (int round = 1; round <= 6; round++) {
            double a = millisPerBatch(shift, batch, batches);
            double b = millisPerBatch(recipe, batch, batches);
            bestShift = Math.min(bestShift, a);
            bestRecipe = Math.min(bestRecipe, b);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: whole-pixel shift %.3f ms/batch, default recipe %.3f ms/batch%n",
                    round,
                    a,
                    b);
        }
        System.out.printf(
                Locale.ROOT,
                "best: whole-pixel shift %.3f ms/batch, default recipe %.3f ms/batch%n",
                bestShift,
                bestRecipe);
    }

    private static double millisPerBatch(DataSetPreProcessor augmentation, DataSet batch, int batches) {
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            augmentation.preProcess(batch.copy());
        }
        return (System.nanoTime() - start) / 1e6 / batches;
    }
}
