package lenet.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.CheckpointMetadata.TrainingState;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetException;
import lenet.evaluation.Evaluator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Writes a run's two checkpoints: the best model to {@code --output}, the last one beside it. */
final class CheckpointWriter {
    private final TrainOptions options;

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
                epochs,
                validation == null ? null : validation.accuracy(),
                validation == null ? null : validation.loss(),
                state);
    }

    void saveBest(MultiLayerNetwork network, CheckpointMetadata metadata) {
        save(network, metadata, options.output());
    }

    void saveLast(MultiLayerNetwork network, CheckpointMetadata metadata) {
        save(network, metadata, options.lastOutput());
    }

    /** Whether {@code --output} still holds the best model this run wrote there (the run is being resumed). */
    boolean holdsBest(RunState run) {
        try {
            CheckpointMetadata best = Checkpoints.readMetadata(options.output());
            return best.epochs() == run.bestEpoch
                    && best.training() != null
                    && Objects.equals(best.valAccuracy(), run.bestValAccuracy());
        } catch (LenetException e) {
            return false;
        }
    }

    /** Saves a checkpoint; if that fails (a full disk), the error says how to go on from the last one saved. */
    private void save(MultiLayerNetwork network, CheckpointMetadata metadata, Path target) {
        try {
            Checkpoints.save(network, metadata, target);
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
