package lenet.training;

import lenet.core.Threads;
import lenet.data.ShuffledBatches;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;

/**
 * One epoch with DL4J's ParallelWrapper: each worker trains a replica on its own batches, and the replicas'
 * parameters and Adam state are averaged after every step, so one step consumes workers × batch images. The wrapper
 * never advances the epoch count, and its replicas are built from the network's configuration, so a new wrapper per
 * epoch, with the count advanced by the caller, keeps the per-epoch learning-rate decay working.
 */
final class ParallelFit {
    private ParallelFit() {}

    static void epoch(MultiLayerNetwork network, ShuffledBatches batches, int workers, LossTracker losses) {
        Threads.sharedAmong(workers, () -> fit(network, batches, workers, losses));
    }

    private static void fit(MultiLayerNetwork network, ShuffledBatches batches, int workers, LossTracker losses) {
        ParallelWrapper parallel = new ParallelWrapper.Builder<>(network)
                .workers(workers)
                .prefetchBuffer(2 * workers)
                .averagingFrequency(1)
                .averageUpdaters(true)
                .reportScoreAfterAveraging(true)
                .trainingMode(ParallelWrapper.TrainingMode.AVERAGING)
                .build();
        try {
            parallel.setListeners(losses);
            parallel.fit(batches);
        } finally {
            parallel.shutdown();
        }
    }
}
