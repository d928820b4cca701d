package lenet.training;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.CheckpointMetadata.EpochMetrics;
import lenet.checkpoint.CheckpointMetadata.TrainingState;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.StopSignal;
import lenet.core.Versions;
import lenet.data.MnistData;
import lenet.data.RandomShift;
import lenet.data.ShuffledBatches;
import lenet.data.Split;
import lenet.evaluation.Evaluator;
import lenet.model.InputScaling;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains LeNet-5 on MNIST: holds out a seeded validation set, trains for the given epochs, writes the best
 * model by validation accuracy and the last epoch's model, then measures the best model on the test set.
 *
 * <p>A stop request ({@link StopSignal}: Ctrl-C, SIGTERM) ends training after the current batch: the last model is
 * written with where the run stood, and {@link #train} throws a {@link LenetException} with exit code 130 that says
 * how to resume. Given such a checkpoint, {@link #train} goes on from that batch with the same batch order, shifts
 * and optimizer state, so that one worker on the CPU ends with the weights an uninterrupted run would have.
 */
public final class Trainer {
    /** Training images whose accuracy is measured after every epoch: the first of the training split. */
    public static final int TRAIN_ACCURACY_SAMPLE = 5_000;

    private Trainer() {}

    public static TrainResult train(TrainOptions options, TrainingListener listener) {
        return train(options, null, listener, StopSignal.none());
    }

    /**
     * @param resume a checkpoint written by a run with the same options (all but the epochs), to go on from; null
     *               starts a new run
     * @param stop   checked before every batch and after every epoch
     */
    public static TrainResult train(
            TrainOptions options, Checkpoints.Loaded resume, TrainingListener listener, StopSignal stop) {
        Checkpoints.checkWritable(options.output()); // before minutes of training, not after
        Checkpoints.checkWritable(options.lastOutput());
        DataSet all = MnistData.train(options.dataDir());
        Split split =
                Split.of(all.numExamples(), options.valSize(), options.seed()).limitTrain(options.limit());
        DataSet train = MnistData.rows(all, split.train());
        DataSet validation = split.validation().length == 0 ? null : MnistData.rows(all, split.validation());
        // a copy: the training set itself is reshuffled in place every epoch
        DataSet trainSample = MnistData.rows(
                all, java.util.Arrays.copyOf(split.train(), Math.min(TRAIN_ACCURACY_SAMPLE, split.train().length)));

        ShuffledBatches batches = new ShuffledBatches(train, options.batchSize(), options.seed(), stop::requested);
        RandomShift shift = new RandomShift(options.shift(), options.seed());
        batches.setPreProcessor(shift);
        Run run;
        MultiLayerNetwork network;
        if (resume == null) {
            // Averaging N replicas after every step takes N times fewer steps per epoch: scale the rate by N.
            network = new MultiLayerNetwork(
                    LeNet5.configuration(options.seed(), options.learningRate() * options.workers(), options.gamma()));
            network.init();
            run = new Run(1, 0, 0, 0, Double.NEGATIVE_INFINITY, new ArrayList<>());
        } else {
            network = resume.network();
            run = Run.of(resume, batches.batchesPerEpoch());
            if (run.bestEpoch > 0 && !holdsBest(options.output(), run)) {
                listener.warning(LenetHome.display(options.output()) + " no longer holds this run's best model (epoch "
                        + run.bestEpoch + "); the best of the epochs still to train will be written there");
                run.bestEpoch = 0;
                run.bestAccuracy = Double.NEGATIVE_INFINITY;
            }
            shift.skip(batches.skipTo(run.epoch, run.batchesDone));
            listener.resumed(resume.path(), run.epoch, run.batchesDone, batches.batchesPerEpoch());
        }
        listener.started(train.numExamples(), split.validation().length, options.epochs());

        LossTracker losses = new LossTracker(listener);
        network.setListeners(losses);
        for (; run.epoch <= options.epochs(); run.epoch++, run.batchesDone = 0, run.lossSum = 0) {
            if (stop.requested()) {
                throw interrupted(options, run, losses.trainedThisRun > 0, null);
            }
            listener.epochStarted(run.epoch, batches.batchesPerEpoch(), run.batchesDone);
            losses.startEpoch(run.epoch, run.batchesDone, run.lossSum);
            int imagesBefore = Math.min(train.numExamples(), run.batchesDone * options.batchSize());
            long start = System.nanoTime();
            if (options.workers() > 1) {
                fitInParallel(network, batches, options.workers(), losses);
            } else {
                network.fit(batches);
            }
            // The learning-rate schedule follows the epoch count; fit() advances it even when stopped early.
            setEpochCount(network, batches.complete() ? run.epoch : run.epoch - 1);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            run.batchesDone = batches.batchesDone();
            run.lossSum = losses.sum();
            if (!batches.complete()) {
                if (options.workers() > 1) {
                    throw interruptedWithWorkers(options, run);
                }
                Path partialBest = null;
                if (losses.trainedThisRun > 0) {
                    save(
                            network,
                            metadata(options, run.epoch - 1, null, run.state(batches)),
                            options.lastOutput(),
                            options);
                    if (run.bestEpoch == 0) {
                        // no epoch has finished: the model so far is the best there is
                        Evaluator.Result val = validation == null ? null : Evaluator.evaluate(network, validation);
                        save(
                                network,
                                metadata(options, run.epoch - 1, val, run.state(batches)),
                                options.output(),
                                options);
                        partialBest = options.output();
                    }
                }
                throw interrupted(options, run, losses.trainedThisRun > 0, partialBest);
            }

            Evaluator.Result val = validation == null ? null : Evaluator.evaluate(network, validation);
            double valAccuracy = val == null ? Double.NaN : val.accuracy();
            double trainAccuracy = Evaluator.evaluate(network, trainSample).accuracy();
            boolean best = val == null || valAccuracy > run.bestAccuracy;
            EpochResult result = new EpochResult(
                    run.epoch,
                    losses.mean(),
                    trainAccuracy,
                    val == null ? Double.NaN : val.loss(),
                    valAccuracy,
                    (train.numExamples() - imagesBefore) / trainSeconds,
                    (System.nanoTime() - start) / 1e9,
                    best);
            run.history.add(result);
            if (best) {
                run.bestAccuracy = valAccuracy;
                run.bestEpoch = run.epoch;
            }
            // what a resumed run needs: the next epoch, from its first batch
            TrainingState state =
                    new Run(run.epoch + 1, 0, 0, run.bestEpoch, run.bestAccuracy, run.history).state(batches);
            CheckpointMetadata metadata = metadata(options, run.epoch, val, state);
            if (best) {
                save(network, metadata, options.output(), options);
            }
            save(network, metadata, options.lastOutput(), options);
            try {
                TrainingRecord.write(run.history, options);
            } catch (LenetException e) {
                // the checkpoints are what must not be lost; the record is written again after the next epoch
                listener.warning(e.getMessage());
            }
            listener.epochDone(result);
        }
        if (stop.requested()) {
            throw interrupted(options, run, false, null);
        }
        stop.close(); // all is written: from here on Ctrl-C quits at once

        Checkpoints.Loaded best = Checkpoints.load(options.output(), true);
        double testAccuracy = Evaluator.evaluate(best.network(), MnistData.test(options.dataDir()))
                .accuracy();
        Checkpoints.save(best.network(), best.metadata().withTestAccuracy(testAccuracy), options.output());
        TrainResult result = new TrainResult(
                List.copyOf(run.history), run.bestEpoch, testAccuracy, options.output(), options.lastOutput());
        listener.finished(result);
        return result;
    }

    /** Saves a checkpoint; if that fails (a full disk), the error says how to go on from the last one saved. */
    private static void save(
            MultiLayerNetwork network, CheckpointMetadata metadata, Path target, TrainOptions options) {
        try {
            Checkpoints.save(network, metadata, target);
        } catch (LenetException e) {
            if (!java.nio.file.Files.isRegularFile(options.lastOutput())) {
                throw e;
            }
            throw new LenetException(
                    e.exitCode(),
                    e.getMessage() + "; once that is fixed, go on from the last " + "checkpoint saved with: "
                            + resumeCommand(options),
                    e);
        }
    }

    private static String resumeCommand(TrainOptions options) {
        return "lenet train --resume " + quote(LenetHome.display(options.lastOutput()))
                + (options.dataDir().equals(LenetHome.defaultDataDir())
                        ? ""
                        : " --data-dir " + quote(LenetHome.display(options.dataDir())));
    }

    /** Sets the epoch count of the network and of each layer, as DL4J's own {@code incrementEpochCount} does. */
    private static void setEpochCount(MultiLayerNetwork network, int epochs) {
        network.setEpochCount(epochs);
        for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
            layer.setEpochCount(epochs);
        }
    }

    /** Whether {@code output} still holds the best model the checkpoint's run wrote there. */
    private static boolean holdsBest(Path output, Run run) {
        try {
            CheckpointMetadata best = Checkpoints.readMetadata(output);
            return best.epochs() == run.bestEpoch
                    && best.training() != null
                    && Objects.equals(best.valAccuracy(), finiteOrNull(run.bestAccuracy));
        } catch (LenetException e) {
            return false;
        }
    }

    private static LenetException interrupted(TrainOptions options, Run run, boolean saved, Path partialBest) {
        String resume = resumeCommand(options);
        StringBuilder message = new StringBuilder("interrupted");
        if (run.epoch > options.epochs()) {
            message.append(" after the last epoch, before the test evaluation: the models are written; measure the "
                            + "best with: lenet eval --model ")
                    .append(quote(LenetHome.display(options.output())));
            return new LenetException(LenetException.INTERRUPTED, message.toString());
        }
        if (run.batchesDone > 0) {
            message.append(" in epoch ")
                    .append(run.epoch)
                    .append('/')
                    .append(options.epochs())
                    .append(" after ")
                    .append(run.batchesDone)
                    .append(" batches");
        } else if (run.epoch > 1) {
            message.append(" after epoch ").append(run.epoch - 1).append('/').append(options.epochs());
        }
        if (saved) {
            message.append(": saved ").append(LenetHome.display(options.lastOutput()));
        } else if (run.epoch == 1 && run.batchesDone == 0) {
            return new LenetException(
                    LenetException.INTERRUPTED,
                    message.append(" before training started: nothing was written")
                            .toString());
        } else {
            message.append(": ").append(LenetHome.display(options.lastOutput())).append(" is up to date");
        }
        if (partialBest != null) {
            message.append(", and the model so far as ").append(LenetHome.display(partialBest));
        } else {
            message.append(bestSoFar(options, run));
        }
        message.append("; resume with: ").append(resume);
        return new LenetException(LenetException.INTERRUPTED, message.toString());
    }

    /**
     * Stopped inside an epoch with several workers: nothing is written. ParallelWrapper's replicas keep their own
     * Adam state, which the network does not hold and a new wrapper (one per epoch) starts afresh, so a run with
     * workers goes on from the start of the epoch, from the checkpoint written when the previous one finished.
     */
    private static LenetException interruptedWithWorkers(TrainOptions options, Run run) {
        StringBuilder message = new StringBuilder("interrupted in epoch ")
                .append(run.epoch)
                .append('/')
                .append(options.epochs())
                .append(" after ")
                .append(run.batchesDone)
                .append(" batches; with --workers ")
                .append(options.workers())
                .append(" training resumes from the start of an epoch");
        if (run.epoch == 1) {
            return new LenetException(
                    LenetException.INTERRUPTED,
                    message.append(", and none has finished: nothing was written")
                            .toString());
        }
        message.append(": ")
                .append(LenetHome.display(options.lastOutput()))
                .append(" holds epoch ")
                .append(run.epoch - 1)
                .append(bestSoFar(options, run));
        return new LenetException(
                LenetException.INTERRUPTED,
                message.append("; resume with: ").append(resumeCommand(options)).toString());
    }

    /** {@code ; best model so far (epoch N): FILE}, or nothing before the first epoch has finished. */
    private static String bestSoFar(TrainOptions options, Run run) {
        return run.bestEpoch > 0
                ? "; best model so far (epoch " + run.bestEpoch + "): " + LenetHome.display(options.output())
                : "";
    }

    /** A path as a shell would need it typed. */
    static String quote(String path) {
        return path.matches("[A-Za-z0-9_./:@%+=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    /**
     * One epoch with DL4J's ParallelWrapper: each worker trains a replica on its own batches, and the replicas'
     * parameters and Adam state are averaged after every step, so one step consumes workers × batch images.
     * The wrapper never advances the epoch count, and its replicas are built from the network's configuration, so
     * a new wrapper per epoch, with the count advanced by the caller, keeps the per-epoch learning-rate decay working.
     */
    private static void fitInParallel(
            MultiLayerNetwork network, ShuffledBatches batches, int workers, LossTracker losses) {
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

    public static CheckpointMetadata metadata(TrainOptions options, int epoch, Evaluator.Result validation) {
        return metadata(options, epoch, validation, null);
    }

    static CheckpointMetadata metadata(
            TrainOptions options, int epoch, Evaluator.Result validation, TrainingState state) {
        return new CheckpointMetadata(
                CheckpointMetadata.FORMAT,
                CheckpointMetadata.FORMAT_VERSION,
                LeNet5.ARCHITECTURE,
                InputScaling.DESCRIPTION,
                epoch,
                validation == null ? null : validation.accuracy(),
                validation == null ? null : validation.loss(),
                null,
                new CheckpointMetadata.HyperParameters(
                        options.epochs(),
                        options.batchSize(),
                        options.learningRate(),
                        options.gamma(),
                        options.shift(),
                        options.seed(),
                        options.valSize(),
                        options.limit(),
                        options.workers()),
                Versions.dl4j(),
                Versions.lenet(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                state);
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double nanIfNull(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** Where a run stands; written into every checkpoint as {@link TrainingState}. */
    private static final class Run {
        int epoch;
        int batchesDone;
        double lossSum;
        int bestEpoch;
        double bestAccuracy;
        final List<EpochResult> history;

        Run(int epoch, int batchesDone, double lossSum, int bestEpoch, double bestAccuracy, List<EpochResult> history) {
            this.epoch = epoch;
            this.batchesDone = batchesDone;
            this.lossSum = lossSum;
            this.bestEpoch = bestEpoch;
            this.bestAccuracy = bestAccuracy;
            this.history = history;
        }

        static Run of(Checkpoints.Loaded checkpoint, int batchesPerEpoch) {
            TrainingState state = Resume.state(checkpoint);
            String file = LenetHome.display(checkpoint.path());
            if (state.batchesPerEpoch() != batchesPerEpoch
                    || state.epoch() < 1
                    || state.batchesDone() < 0
                    || state.batchesDone() >= batchesPerEpoch
                    || state.bestEpoch() < 0
                    || state.bestEpoch() >= state.epoch()
                    || state.history() == null) {
                throw LenetException.badInput(file + ": cannot resume: its training state (epoch " + state.epoch()
                        + ", batch " + state.batchesDone() + " of " + state.batchesPerEpoch() + ") does not fit "
                        + "these training images (" + batchesPerEpoch + " batches per epoch)");
            }
            List<EpochResult> history = new ArrayList<>();
            for (EpochMetrics m : state.history()) {
                history.add(new EpochResult(
                        m.epoch(),
                        m.trainLoss(),
                        nanIfNull(m.trainAccuracy()),
                        nanIfNull(m.valLoss()),
                        nanIfNull(m.valAccuracy()),
                        m.imagesPerSecond(),
                        m.seconds(),
                        m.best()));
            }
            return new Run(
                    state.epoch(),
                    state.batchesDone(),
                    state.epochLossSum(),
                    state.bestEpoch(),
                    state.bestValAccuracy() == null ? Double.NEGATIVE_INFINITY : state.bestValAccuracy(),
                    history);
        }

        TrainingState state(ShuffledBatches batches) {
            List<EpochMetrics> metrics = new ArrayList<>();
            for (EpochResult r : history) {
                metrics.add(new EpochMetrics(
                        r.epoch(),
                        r.trainLoss(),
                        finiteOrNull(r.trainAccuracy()),
                        finiteOrNull(r.valLoss()),
                        finiteOrNull(r.valAccuracy()),
                        r.imagesPerSecond(),
                        r.seconds(),
                        r.best()));
            }
            return new TrainingState(
                    epoch,
                    batchesDone,
                    batches.batchesPerEpoch(),
                    lossSum,
                    bestEpoch,
                    finiteOrNull(bestAccuracy),
                    metrics);
        }
    }

    /**
     * A DL4J listener that sums the minibatch loss over an epoch and forwards each batch. With several workers
     * it is called from their threads, hence synchronized.
     */
    private static final class LossTracker extends BaseTrainingListener {
        private final TrainingListener listener;
        private int epoch;
        private int batch;
        private double sum;
        int trainedThisRun;

        LossTracker(TrainingListener listener) {
            this.listener = listener;
        }

        synchronized void startEpoch(int epoch, int batchesDone, double lossSum) {
            this.epoch = epoch;
            this.batch = batchesDone;
            this.sum = lossSum;
        }

        synchronized double sum() {
            return sum;
        }

        synchronized double mean() {
            return batch == 0 ? Double.NaN : sum / batch;
        }

        @Override
        public synchronized void iterationDone(Model model, int iteration, int dl4jEpoch) {
            double loss = model.score();
            sum += loss;
            batch++;
            trainedThisRun++;
            listener.batchDone(epoch, batch, loss);
        }
    }
}
