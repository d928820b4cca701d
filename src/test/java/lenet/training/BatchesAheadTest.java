package lenet.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import lenet.core.IdleWork;
import lenet.data.Augmentation;
import lenet.data.BatchValues;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.data.Distortion;
import lenet.data.FlaggedOnes;
import lenet.data.LabelSmoothing;
import lenet.data.RandomShift;
import lenet.data.ShuffledBatches;
import lenet.testing.MnistImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

class BatchesAheadTest {
    /**
     * Batches begun a step ahead, their images distorted partly by another thread doing {@link IdleWork}, against the
     * same batches prepared one at a time on one thread ({@link TrainingData#prepare}, as before batches were begun
     * ahead): the same images and labels, bit for bit, over two epochs of 1,000 digits (8 batches each, the last
     * smaller), with the default recipe's distortions and flagged 1s and with the peers' whole-pixel shifts.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void handsOutTheBatchesThatPreparingOneAtATimeGives(boolean distorted) throws Exception {
        DataSet digits = (DataSet) DatasetFiles.read(Dataset.MNIST, MnistImages.SHIPPED_DATA, false)
                .all()
                .getRange(0, 1_000);
        ShuffledBatches oneAtATime = new ShuffledBatches(digits.copy(), 128, 7);
        ShuffledBatches ahead = new ShuffledBatches(digits.copy(), 128, 7);
        TrainingData plain = data(digits, distorted);
        TrainingData begunAhead = data(digits, distorted);
        AtomicBoolean over = new AtomicBoolean();
        Thread other = new Thread(() -> IdleWork.waitUntil(over::get), "idle"); // as the second thread between tasks
        other.start();
        int batches = 0;
        try {
            for (int epoch = 1; epoch <= 2; epoch++) {
                oneAtATime.reset();
                ahead.reset();
                try (BatchesAhead next = new BatchesAhead(ahead, begunAhead)) {
                    while (next.hasNext()) {
                        DataSet got = next.next();
                        DataSet want = oneAtATime.next();
                        plain.prepare(want);
                        assertThat(Arrays.mismatch(
                                        BatchValues.read(got.getFeatures()), BatchValues.read(want.getFeatures())))
                                .as("the first value that differs, in epoch %d, batch %d", epoch, batches)
                                .isEqualTo(-1);
                        assertThat(Arrays.mismatch(
                                        BatchValues.read(got.getLabels()), BatchValues.read(want.getLabels())))
                                .isEqualTo(-1);
                        batches++;
                    }
                }
                assertThat(oneAtATime.complete()).isTrue();
            }
        } finally {
            over.set(true);
            other.join();
        }
        assertThat(batches).isEqualTo(16);
    }

    private static TrainingData data(DataSet digits, boolean distorted) {
        Augmentation moves =
                distorted ? new Distortion(new Distortion.Spec(2, 10, 0.1, 0.2, 1.0, 0), 3) : new RandomShift(2, 3);
        Augmentation augmentation = Augmentation.chain(new FlaggedOnes(distorted ? 0.5 : 0, 3), moves);
        return new TrainingData(digits, null, digits, augmentation, new LabelSmoothing(distorted ? 0.1 : 0));
    }
}
