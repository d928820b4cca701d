package lenet.training;

import java.util.function.BooleanSupplier;
import lenet.core.IdleWork;
import lenet.data.Augmentation;
import lenet.data.ShuffledBatches;
import org.nd4j.linalg.dataset.DataSet;

/**
 * An epoch's batches, each begun one step ahead: when a batch is handed out, the next one's random values are drawn
 * and its images are offered as {@link IdleWork}, which training's two threads take when they would otherwise wait
 * (the calling thread for the other half of the step, the second thread for its next half); what is left is done when
 * that batch is handed out in turn.
 *
 * <p>The batches and their values are the ones {@link TrainingData#prepare} gives one at a time: each augmentation
 * draws from a stream of its own, in batch order, and nothing in a step draws from them. A run stopped after a batch
 * leaves the next one begun and unused; its checkpoint counts the batches trained, and a resumed run draws that
 * batch's values again.
 */
final class BatchesAhead implements AutoCloseable {
    private final ShuffledBatches batches;
    private final TrainingData data;
    private DataSet upcoming;
    private Augmentation.Pending upcomingImages;
    private BooleanSupplier offered;

    BatchesAhead(ShuffledBatches batches, TrainingData data) {
        this.batches = batches;
        this.data = data;
    }

    /** Whether a batch of this epoch is left to train. */
    boolean hasNext() {
        return upcoming != null || !batches.complete();
    }

    /**
     * The next batch, ready to train; the one after it, if this epoch has one, is begun first, while the second thread
     * still takes this one's images.
     */
    DataSet next() {
        if (upcoming == null) {
            begin();
        }
        DataSet batch = upcoming;
        Augmentation.Pending images = upcomingImages;
        BooleanSupplier imagesOffered = offered;
        upcoming = null;
        if (!batches.complete()) {
            begin();
        }
        images.finish();
        IdleWork.withdraw(imagesOffered);
        if (upcoming != null) {
            offered = upcomingImages::step;
            IdleWork.offer(offered);
        }
        return batch;
    }

    private void begin() {
        upcoming = batches.next();
        upcomingImages = data.begin(upcoming);
    }

    /** Withdraws the offer; a batch begun is dropped. */
    @Override
    public void close() {
        IdleWork.withdraw(offered);
        offered = null;
    }
}
