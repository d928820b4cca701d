package lenet.training;

import java.util.List;
import lenet.checkpoint.Checkpoints;
import lenet.checkpoint.WriterLock;
import lenet.compute.ComputePath;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.StopSignal;
import lenet.core.TestHold;
import lenet.data.DatasetImages;
import lenet.data.ShuffledBatches;
import lenet.evaluation.Evaluator;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains LeNet-5 on a dataset's images: holds out a seeded validation set if asked to, trains for the given epochs,
 * writes the best model by validation accuracy (without a validation set, every epoch's) and the last epoch's model,
 * then measures the best model on the test set.
 *
 * <p>A stop request ({@link StopSignal}: Ctrl-C, SIGTERM) ends training after the current batch: the last model is
 * written with where the run stood, and {@link #train} throws a {@link lenet.core.LenetException} with exit code 130
 * (143 for SIGTERM) that says how to resume. Given such a checkpoint, {@link #train} goes on from that batch with the same batch order,
 * shifts and optimizer state, so that one worker on the CPU ends with the weights an uninterrupted run would have.
 */
public final class Trainer {
    private Trainer() {}

    /**
     * @param resume a checkpoint written by a run with the same options (all but the epochs), to go on from; null
     *               starts a new run
     * @param stop   checked before every batch and after every epoch
     */
    public static TrainResult train(
            TrainOptions options, Checkpoints.Loaded resume, TrainingListener listener, StopSignal stop) {
        CheckpointWriter checkpoints = new CheckpointWriter(options);
        checkpoints.checkWritable();
        try (WriterLock lock = WriterLock.acquire(options.output())) {
            return train(options, resume, listener, stop, checkpoints);
        }
    }

    /** The run itself: the loop over epochs and batches, then the test of the best model. */
    private static TrainResult train(
            TrainOptions options,
            Checkpoints.Loaded resume,
            TrainingListener listener,
            StopSignal stop,
            CheckpointWriter checkpoints) {
        HyperParameters hp = options.hyperParameters();
        TrainingData data = TrainingData.load(options);
        ShuffledBatches batches = new ShuffledBatches(data.train(), hp.batchSize(), hp.seed());
        ComputePath.Choice compute = ComputePath.choose(hp.workers());
        if (compute.warning() != null) {
            listener.warning(compute.warning());
        }
        MultiLayerNetwork network = compute.path()
                .forTraining(
                        resume == null ? newNetwork(hp, options.data().classes().size()) : resume.network());
        RunState run = resume == null
                ? RunState.start()
                : Resume.goOn(resume, hp.epochs(), data, batches, checkpoints, listener);
        if (run.epoch <= hp.epochs()) {
            listener.started(options.data().title(), data.trainImages(), data.validationImages(), hp.epochs());
        }

        boolean stoppedEarly = false;
        for (; run.epoch <= hp.epochs(); run.nextEpoch()) {
            if (run.outOfPatience(hp.patience())) {
                stoppedEarly = true; // --patience: no better validation accuracy for that many epochs
                break;
            }
            if (stop.requested()) {
                throw Interruption.of(stop.exitCode(), options, run, run.trainedAny(), null);
            }
            listener.epochStarted(run.epoch, batches.batchesPerEpoch(), run.batchesDone);
            int imagesBefore = Math.min(data.trainImages(), run.batchesDone * hp.batchSize());
            long start = System.nanoTime();
            batches.reset(); // reshuffled, once the epoch before used up its batches
            if (hp.workers() > 1) { // DL4J's ParallelWrapper runs this epoch's loop on its threads
                ParallelFit.epoch(network, batches, hp.workers(), data::prepare, stop, loss -> {
                    run.batchDone(loss);
                    listener.batchDone(run.epoch, run.batchesDone, loss);
                });
                if (!batches.complete()) {
                    throw Interruption.withWorkers(stop.exitCode(), options, run);
                }
            }
            try (BatchesAhead ahead = new BatchesAhead(batches, data)) {
                while (ahead.hasNext()) {
                    if (stop.requested()) {
                        throw checkpoints.stopped(network, run, data.validation(), batches.batchesPerEpoch(), stop);
                    }
                    DataSet batch = ahead.next(); // shifted, turned, scaled, slanted and bent; its labels smoothed
                    network.fit(batch); // one Adam step on the batch's gradients (and the next batch readied meanwhile)
                    double loss = network.score();
                    run.batchDone(loss);
                    listener.batchDone(run.epoch, run.batchesDone, loss);
                    TestHold.at("batch");
                }
            }
            setEpochCount(network, run.epoch); // the learning-rate schedule follows it
            double trainSeconds = (System.nanoTime() - start) / 1e9;

            TestHold.at("validation");
            Evaluator.Result val = data.validation() == null ? null : Evaluator.evaluate(network, data.validation());
            double trainAccuracy =
                    Evaluator.evaluate(network, data.trainSample()).accuracy();
            EpochMetrics result =
                    run.epochDone(val, trainAccuracy, data.trainImages() - imagesBefore, trainSeconds, start);
            checkpoints.epochDone(network, run, val, result.best(), batches.batchesPerEpoch());
            TrainingRecord.write(run.history, options, data.trainSample().numExamples(), listener);
            listener.epochDone(result);
        }
        if (stop.requested()) {
            throw Interruption.of(stop.exitCode(), options, run, false, null);
        }
        data.release(); // before the test set is read: the two need not be in memory at once

        TestHold.at("test");
        Tested tested = testBest(options, run, checkpoints, stop);
        TrainResult result = new TrainResult(
                List.copyOf(run.history),
                run.bestEpoch,
                tested.accuracy(),
                options.data().title(),
                tested.images(),
                options.output(),
                options.lastOutput(),
                stoppedEarly,
                TimeToAccuracy.of(run.history, TimeToAccuracy.TARGET),
                compute.path());
        listener.finished(result);
        return result;
    }

    private static MultiLayerNetwork newNetwork(HyperParameters hp, int classes) {
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(hp, classes));
        network.init();
        return network;
    }

    /**
     * Measures this run's best model once on the dataset's test images, and records the figure in its file. A stop
     * requested meanwhile leaves the figure unrecorded: the run's last checkpoint finishes it.
     */
    /** The best model's accuracy on the test images, and how many there were. */
    private record Tested(double accuracy, int images) {}

    private static Tested testBest(TrainOptions options, RunState run, CheckpointWriter checkpoints, StopSignal stop) {
        MultiLayerNetwork best = checkpoints.bestNetwork();
        if (best == null) {
            throw LenetException.badInput(LenetHome.display(options.output()) + " no longer holds this run's best "
                    + "model and no epoch is left to train: there is no model to test; train longer with --epochs, or "
                    + "start a new run");
        }
        DataSet test = options.data().test().all();
        int images = test.numExamples();
        double testAccuracy = Evaluator.evaluate(best, test).accuracy();
        DatasetImages.release(test);
        if (stop.requested()) {
            throw Interruption.of(stop.exitCode(), options, run, false, null);
        }
        checkpoints.recordTest(best, testAccuracy);
        return new Tested(testAccuracy, images);
    }

    /** Sets the epoch count of the network and of each layer, as DL4J's own {@code incrementEpochCount} does. */
    private static void setEpochCount(MultiLayerNetwork network, int epochs) {
        network.setEpochCount(epochs);
        for (Layer layer : network.getLayers()) {
            layer.setEpochCount(epochs);
        }
    }
}
