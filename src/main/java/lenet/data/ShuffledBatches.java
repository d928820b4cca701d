package lenet.data;

import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;

/**
 * Mini-batches over an in-memory {@link DataSet}, reshuffled in place before every epoch from a seeded random
 * source, so that the same seed gives the same batches.
 */
public final class ShuffledBatches extends ViewIterator {
    private final DataSet data;
    private final Random random;

    public ShuffledBatches(DataSet data, int batchSize, long seed) {
        super(data, batchSize);
        this.data = data;
        this.random = new Random(seed);
        data.shuffle(random.nextLong());
    }

    @Override
    public void reset() {
        super.reset();
        data.shuffle(random.nextLong());
    }

    public int numExamples() {
        return data.numExamples();
    }
}
