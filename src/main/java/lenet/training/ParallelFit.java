package lenet.training;

import java.util.function.DoubleConsumer;
import lenet.core.StopSignal;
import lenet.core.Threads;
import lenet.data.ShuffledBatches;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * One epoch with DL4J's ParallelWrapper ({@code --workers N}): each worker trains a replica on its own batches, and
 * the replicas' parameters and Adam state are averaged after every step, so one step consumes workers × batch
 * images. The wrapper runs its own loop over the batches: it prepares each through {@code prepare}, sees a stop only
 * through {@link ShuffledBatches#hasNext()}, and reports each loss through a DL4J listener, from its threads. It
 * never advances the epoch count, and its replicas are built from the network's configuration, so a new wrapper per
 * epoch, with the count advanced by the caller, keeps the per-epoch learning-rate decay working.
 */
final class ParallelFit {
    private ParallelFit() {}

    static void epoch(
            MultiLayerNetwork network,
            ShuffledBatches batches,
            int workers,
            DataSetPreProcessor prepare,
            StopSignal stop,
            DoubleConsumer batchDone) {
        batches.setPreProcessor(prepare);
        batches.endEarlyWhen(stop::requested);
        try {
            Threads.sharedAmong(workers, () -> fit(network, batches, workers, batchDone));
        } finally {
            batches.setPreProcessor(null);
            batches.endEarlyWhen(() -> false);
        }
    }

    private static void fit(MultiLayerNetwork network, ShuffledBatches batches, int workers, DoubleConsumer batchDone) {
        ParallelWrapper parallel = new ParallelWrapper.Builder<>(network)
                .workers(workers)
                .prefetchBuffer(2 * workers)
                .averagingFrequency(1)
                .averageUpdaters(true)
                .reportScoreAfterAveraging(true)
                .trainingMode(ParallelWrapper.TrainingMode.AVERAGING)
                .build();
        try {
            parallel.setListeners(new BaseTrainingListener() {
                @Override
                public void iterationDone(Model model, int iteration, int epoch) {
                    synchronized (batchDone) { // called from the workers' threads
                        batchDone.accept(model.score());
                    }
                }
            });
            parallel.fit(batches);
        } finally {
            parallel.shutdown();
        }
    }
}
