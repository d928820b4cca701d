package lenet.training;

import java.util.List;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.Checkpoints;
import lenet.checkpoint.WriterLock;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.StopSignal;
import lenet.core.TestHold;
import lenet.data.MnistData;
import lenet.data.ShuffledBatches;
import lenet.evaluation.Evaluator;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import lenet.model.LeNet5;
import lenet.model.OneDnnNetwork;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains LeNet-5 on MNIST: holds out a seeded validation set, trains for the given epochs, writes the best model by
 * validation accuracy and the last epoch's model, then measures the best model on the test set.
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

    private static TrainResult train(
            TrainOptions options,
            Checkpoints.Loaded resume,
            TrainingListener listener,
            StopSignal stop,
            CheckpointWriter checkpoints) {
        HyperParameters hp = options.hyperParameters();
        TrainingData data = TrainingData.load(options, stop);
        ShuffledBatches batches = data.batches();
        MultiLayerNetwork network = resume == null ? newNetwork(hp) : resume.network();
        if (hp.workers() == 1) {
            // ParallelWrapper's workers (--workers N) train replicas of DL4J's own and the root model on its threads
            network = OneDnnNetwork.of(network);
        }
        RunState run = resume == null ? RunState.start() : resumeRun(resume, hp.epochs(), data, checkpoints, listener);
        if (run.epoch <= hp.epochs()) {
            listener.started(data.trainImages(), data.validationImages(), hp.epochs());
        }

        LossTracker losses = new LossTracker(listener);
        network.setListeners(losses);
        boolean stoppedEarly = false;
        for (; run.epoch <= hp.epochs(); run.epoch++, run.batchesDone = 0, run.lossSum = 0) {
            if (run.outOfPatience(hp.patience())) {
                stoppedEarly = true; // --patience: no better validation accuracy for that many epochs
                break;
            }
            if (stop.requested()) {
                throw Interruption.of(stop.exitCode(), options, run, losses.trainedAny(), null);
            }
            listener.epochStarted(run.epoch, batches.batchesPerEpoch(), run.batchesDone);
            losses.startEpoch(run.epoch, run.batchesDone, run.lossSum);
            int imagesBefore = Math.min(data.trainImages(), run.batchesDone * hp.batchSize());
            long start = System.nanoTime();
            if (hp.workers() > 1) {
                ParallelFit.epoch(network, batches, hp.workers(), losses);
            } else {
                network.fit(batches);
            }
            // The learning-rate schedule follows the epoch count; fit() advances it even when stopped early.
            setEpochCount(network, batches.complete() ? run.epoch : run.epoch - 1);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            run.batchesDone = batches.batchesDone();
            run.lossSum = losses.sum();
            if (!batches.complete()) {
                throw stopped(network, options, run, data, losses, checkpoints, stop);
            }

            TestHold.at("validation");
            Evaluator.Result val = data.validation() == null ? null : Evaluator.evaluate(network, data.validation());
            boolean best = val == null || val.accuracy() > run.bestAccuracy;
            EpochMetrics result = new EpochMetrics(
                    run.epoch,
                    losses.mean(),
                    Evaluator.evaluate(network, data.trainSample()).accuracy(),
                    val == null ? null : val.loss(),
                    val == null ? null : val.accuracy(),
                    (data.trainImages() - imagesBefore) / trainSeconds,
                    (System.nanoTime() - start) / 1e9,
                    best);
            run.finished(result);
            CheckpointMetadata metadata =
                    checkpoints.metadata(run.epoch, val, run.stateAfterEpoch(batches.batchesPerEpoch()));
            if (best) {
                checkpoints.saveBest(network, metadata);
            }
            checkpoints.saveLast(network, metadata);
            TrainingRecord.write(run.history, options, listener);
            listener.epochDone(result);
        }
        if (stop.requested()) {
            throw Interruption.of(stop.exitCode(), options, run, false, null);
        }
        data.release(); // before the test set is read: the two need not be in memory at once

        TestHold.at("test");
        double testAccuracy = testBest(options, run, checkpoints, stop);
        TrainResult result = new TrainResult(
                List.copyOf(run.history),
                run.bestEpoch,
                testAccuracy,
                options.output(),
                options.lastOutput(),
                stoppedEarly,
                TimeToAccuracy.of(run.history, TimeToAccuracy.TARGET));
        listener.finished(result);
        return result;
    }

    private static MultiLayerNetwork newNetwork(HyperParameters hp) {
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(hp));
        network.init();
        return network;
    }

    /** Where the checkpoint's run stood, with the batches and shifts moved on to that point. */
    private static RunState resumeRun(
            Checkpoints.Loaded resume,
            int epochs,
            TrainingData data,
            CheckpointWriter checkpoints,
            TrainingListener listener) {
        RunState run = RunState.of(resume, data.batches().batchesPerEpoch());
        if (run.bestEpoch > 0 && !checkpoints.adoptBest(run)) {
            listener.warning(LenetHome.display(checkpoints.bestOutput()) + " no longer holds this run's best model "
                    + "(epoch " + run.bestEpoch + "); the best of the epochs still to train will be written there");
            run.forgetBest();
        }
        data.augmentation().skip(data.batches().skipTo(run.epoch, run.batchesDone));
        if (run.epoch > epochs) {
            listener.finishing(resume.path(), epochs, run.bestEpoch);
        } else {
            listener.resumed(
                    resume.path(), run.epoch, run.batchesDone, data.batches().batchesPerEpoch());
        }
        return run;
    }

    /**
     * Stopped inside an epoch: with one worker, saves where the run stands (and, before any epoch has finished,
     * the model so far as the best); returns the exception that says so.
     */
    private static RuntimeException stopped(
            MultiLayerNetwork network,
            TrainOptions options,
            RunState run,
            TrainingData data,
            LossTracker losses,
            CheckpointWriter checkpoints,
            StopSignal stop) {
        if (options.hyperParameters().workers() > 1) {
            return Interruption.withWorkers(stop.exitCode(), options, run);
        }
        if (!losses.trainedAny()) {
            return Interruption.of(stop.exitCode(), options, run, false, null);
        }
        CheckpointMetadata.TrainingState state = run.state(data.batches().batchesPerEpoch());
        checkpoints.saveLast(network, checkpoints.metadata(run.epoch - 1, null, state));
        if (run.bestEpoch > 0) {
            return Interruption.of(stop.exitCode(), options, run, true, null);
        }
        // no epoch has finished: the model so far is the best there is
        Evaluator.Result val = data.validation() == null ? null : Evaluator.evaluate(network, data.validation());
        checkpoints.saveBest(network, checkpoints.metadata(run.epoch - 1, val, state));
        return Interruption.of(stop.exitCode(), options, run, true, options.output());
    }

    /**
     * Measures this run's best model once on the 10,000 test images, and records the figure in its file. A stop
     * requested meanwhile leaves the figure unrecorded: the run's last checkpoint finishes it.
     */
    private static double testBest(TrainOptions options, RunState run, CheckpointWriter checkpoints, StopSignal stop) {
        MultiLayerNetwork best = checkpoints.bestNetwork();
        if (best == null) {
            throw LenetException.badInput(LenetHome.display(options.output()) + " no longer holds this run's best "
                    + "model and no epoch is left to train: there is no model to test; train longer with --epochs, or "
                    + "start a new run");
        }
        DataSet test = MnistData.test(options.dataDir());
        double testAccuracy = Evaluator.evaluate(best, test).accuracy();
        MnistData.release(test);
        if (stop.requested()) {
            throw Interruption.of(stop.exitCode(), options, run, false, null);
        }
        checkpoints.recordTest(best, testAccuracy);
        return testAccuracy;
    }

    /** Sets the epoch count of the network and of each layer, as DL4J's own {@code incrementEpochCount} does. */
    private static void setEpochCount(MultiLayerNetwork network, int epochs) {
        network.setEpochCount(epochs);
        for (Layer layer : network.getLayers()) {
            layer.setEpochCount(epochs);
        }
    }
}
