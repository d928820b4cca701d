package lenet.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.CheckpointMetadata.TrainingState;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetException;
import lenet.core.StopSignal;
import lenet.evaluation.Evaluator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Writes a run's two checkpoints: the best model to {@code --output}, the last one beside it. It keeps the best
 * model's bytes as written, so that the test figure the run prints and records is that of its own model, whatever
 * happens to the file meanwhile.
 */
final class CheckpointWriter {
    private final TrainOptions options;
    /** The best model this run wrote or took over, as its file's bytes, and what they record; null: none yet. */
    private byte[] bestBytes;

    private CheckpointMetadata bestMetadata;

    CheckpointWriter(TrainOptions options) {
        this.options = options;
    }

    /** Where the best model goes. */
    Path bestOutput() {
        return options.output();
    }

    /** Fails now, before minutes of training, if either checkpoint could not be written. */
    void checkWritable() {
        Checkpoints.checkWritable(options.output());
        Checkpoints.checkWritable(options.lastOutput());
    }

    /** What a checkpoint of {@code epochs} finished epochs records; {@code state} null: not resumable. */
    CheckpointMetadata metadata(int epochs, Evaluator.Result validation, TrainingState state) {
        return CheckpointMetadata.of(
                options.hyperParameters(),
                options.data().classes(),
                epochs,
                validation == null ? null : validation.accuracy(),
                validation == null ? null : validation.loss(),
                state);
    }

    /**
     * After {@code run.epoch} finished: writes the last checkpoint, which resumes at the next epoch, and, if the
     * epoch's model is the best so far, the best one.
     */
    void epochDone(MultiLayerNetwork network, RunState run, Evaluator.Result validation, boolean best, int batches) {
        CheckpointMetadata metadata = metadata(run.epoch, validation, run.stateAfterEpoch(batches));
        if (best) {
            saveBest(network, metadata);
        }
        saveLast(network, metadata);
    }

    /**
     * Stopped inside {@code run.epoch}: saves where the run stands (and, before any epoch has finished, the model so
     * far as the best) if this process trained anything; returns the exception that says what was saved.
     */
    LenetException stopped(MultiLayerNetwork network, RunState run, DataSet validation, int batches, StopSignal stop) {
        if (!run.trainedAny()) {
            return Interruption.of(stop.exitCode(), options, run, false, null);
        }
        TrainingState state = run.state(batches);
        saveLast(network, metadata(run.epoch - 1, null, state));
        if (run.bestEpoch > 0) {
            return Interruption.of(stop.exitCode(), options, run, true, null);
        }
        // no epoch has finished: the model so far is the best there is
        Evaluator.Result val = validation == null ? null : Evaluator.evaluate(network, validation);
        saveBest(network, metadata(run.epoch - 1, val, state));
        return Interruption.of(stop.exitCode(), options, run, true, options.output());
    }

    void saveBest(MultiLayerNetwork network, CheckpointMetadata metadata) {
        byte[] bytes = Checkpoints.bytes(network, metadata, options.output());
        write(bytes, options.output());
        bestBytes = bytes;
        bestMetadata = metadata;
    }

    /**
     * Takes over the best model of the run being resumed, if {@code --output} still holds it: it is read once, here,
     * and tested at the end as if this process had written it.
     */
    boolean adoptBest(RunState run) {
        try {
            CheckpointMetadata best = Checkpoints.readMetadata(options.output());
            if (best.epochs() != run.bestEpoch
                    || best.training() == null
                    || !Objects.equals(best.valAccuracy(), run.bestValAccuracy())) {
                return false; // not this run's best model (any more)
            }
            bestBytes = Files.readAllBytes(options.output());
            bestMetadata = best;
            return true;
        } catch (IOException | LenetException e) {
            return false;
        }
    }

    /** The best model this run wrote or took over, with its optimizer state; null if there is none. */
    MultiLayerNetwork bestNetwork() {
        return bestBytes == null ? null : Checkpoints.restore(bestBytes);
    }

    /** Writes the best model again with its test accuracy recorded, over whatever {@code --output} holds now. */
    void recordTest(MultiLayerNetwork best, double testAccuracy) {
        save(best, bestMetadata.withTestAccuracy(testAccuracy), options.output());
    }

    void saveLast(MultiLayerNetwork network, CheckpointMetadata metadata) {
        save(network, metadata, options.lastOutput());
    }

    /** Saves a checkpoint; if that fails (a full disk), the error says how to go on from the last one saved. */
    private void save(MultiLayerNetwork network, CheckpointMetadata metadata, Path target) {
        write(Checkpoints.bytes(network, metadata, target), target);
    }

    private void write(byte[] checkpoint, Path target) {
        try {
            Checkpoints.write(checkpoint, target);
        } catch (LenetException e) {
            if (!Files.isRegularFile(options.lastOutput())) {
                throw e;
            }
            throw new LenetException(
                    e.exitCode(),
                    e.getMessage() + "; once that is fixed, go on from the last checkpoint saved with: "
                            + Interruption.resumeCommand(options),
                    e);
        }
    }
}
