package lenet.data;

import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Mini-batches over an in-memory {@link DataSet}, reshuffled in place before every epoch from a seeded random
 * source, so that the same seed gives the same batches. Epoch 1 uses the order made by the constructor; every
 * {@link #reset()} (DL4J calls it when a new epoch starts on a used-up iterator) shuffles again.
 *
 * <p>{@link #complete()} tells whether the epoch's batches are used up, {@link #batchesDone()} how far it got;
 * {@link #skipTo} brings a new iterator with the same seed to the same place, for resuming. For DL4J's
 * ParallelWrapper, which runs its own loop over the batches, {@link #endEarlyWhen} ends an epoch early.
 */
public final class ShuffledBatches implements DataSetIterator {
    private final DataSet data;
    private final int batchSize;
    private final Random random;
    private BooleanSupplier stop = () -> false;
    private DataSetPreProcessor preProcessor;
    private int cursor;

    public ShuffledBatches(DataSet data, int batchSize, long seed) {
        this.data = data;
        this.batchSize = batchSize;
        this.random = new Random(seed);
        data.shuffle(random.nextLong());
    }

    /**
     * Makes {@link #hasNext()} answer false once {@code stop} does: a loop that only asks {@code hasNext}
     * (ParallelWrapper's) then ends the epoch after the current batch, and {@link #complete()} tells it stopped.
     */
    public void endEarlyWhen(BooleanSupplier stop) {
        this.stop = stop;
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return (data.numExamples() + batchSize - 1) / batchSize;
    }

    public int batchesDone() {
        return (cursor + batchSize - 1) / batchSize;
    }

    /** Whether this epoch's batches are all used up. */
    public boolean complete() {
        return cursor >= data.numExamples();
    }

    /**
     * Moves a fresh iterator to {@code batches} batches into {@code epoch} (1-based), shuffling as the epochs before
     * it did, so it hands out the batches an uninterrupted run would have from there on.
     *
     * @return how many images the skipped part held, epochs before included (each went through the preprocessor)
     */
    public long skipTo(int epoch, int batches) {
        if (epoch < 1 || batches < 0 || batches > batchesPerEpoch()) {
            throw new IllegalArgumentException("no batch " + batches + " in epoch " + epoch);
        }
        for (int e = 1; e < epoch; e++) {
            cursor = data.numExamples();
            reset();
        }
        cursor = Math.min(data.numExamples(), batches * batchSize);
        return (long) (epoch - 1) * data.numExamples() + cursor;
    }

    @Override
    public boolean hasNext() {
        return cursor < data.numExamples() && !stop.getAsBoolean();
    }

    @Override
    public DataSet next() {
        int end = Math.min(data.numExamples(), cursor + batchSize);
        DataSet batch = (DataSet) data.getRange(cursor, end);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        cursor = end;
        return batch;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batches have a fixed size of " + batchSize);
    }

    /**
     * Starts the next epoch, reshuffled, once this one is used up. An epoch that was stopped keeps its place: DL4J
     * resets any iterator that has nothing next, and a stopped one has nothing next.
     */
    @Override
    public void reset() {
        if (complete()) {
            cursor = 0;
            data.shuffle(random.nextLong());
        }
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        // in memory already; and a prefetching thread would read past the batch where a stop is asked for
        return false;
    }

    @Override
    public int inputColumns() {
        return (int) data.getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) data.getLabels().size(1);
    }

    @Override
    public int batch() {
        return batchSize;
    }

    /** Frees the images' native memory: once training is over, before the test set is read. */
    public void release() {
        DatasetImages.release(data);
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
