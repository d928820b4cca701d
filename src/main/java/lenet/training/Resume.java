package lenet.training;

import java.nio.file.Path;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.CheckpointMetadata.TrainingState;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.data.ImageSource;
import lenet.data.ShuffledBatches;
import lenet.model.HyperParameters;

/** The options of a run that goes on from a checkpoint: those it was started with, and where it is going. */
public final class Resume {
    private Resume() {}

    /**
     * @param epochs  a new total of epochs, or null to keep the recorded one
     * @param output  where the best model goes, or null: {@code NAME.zip} beside a {@code NAME-last.zip}
     *                checkpoint, else the default {@code models/lenet.zip}
     * @param data    the images the run was started on (the checkpoint's position must fit them)
     */
    public static TrainOptions options(Checkpoints.Loaded checkpoint, Integer epochs, Path output, ImageSource data) {
        HyperParameters recorded = checkpoint.metadata().hyperParameters();
        TrainingState state = state(checkpoint);
        String file = LenetHome.display(checkpoint.path());
        int total = epochs != null ? epochs : recorded.epochs();
        int finished = state.epoch() - 1;
        int needed = state.epoch();
        Path best = output != null ? output : bestFor(checkpoint.path());
        if (total < needed && total == finished && untested(best)) {
            // stopped after the last epoch, before the test figure was recorded: this run tests the best and ends
            return new TrainOptions(recorded.withEpochs(total), data, best);
        }
        if (total < needed) {
            if (epochs == null) {
                throw LenetException.badInput(file + ": this run has trained all its epochs (" + finished + "); give "
                        + "--epochs N with N above " + finished + " to train longer");
            }
            throw new LenetException(
                    LenetException.BAD_INPUT,
                    "--epochs " + epochs + ": " + file + " has "
                            + (state.batchesDone() > 0
                                    ? "started epoch " + state.epoch()
                                    : "trained " + finished + " epochs")
                            + "; give --epochs " + needed + " or more");
        }
        return new TrainOptions(recorded.withEpochs(total), data, best);
    }

    /**
     * Where the checkpoint's run stood, with {@code batches} and the shifts moved on to that point, and the best model
     * it wrote taken over if {@code --output} still holds it.
     */
    static RunState goOn(
            Checkpoints.Loaded resume,
            int epochs,
            TrainingData data,
            ShuffledBatches batches,
            CheckpointWriter checkpoints,
            TrainingListener listener) {
        RunState run = RunState.of(resume, batches.batchesPerEpoch());
        if (run.bestEpoch > 0 && !checkpoints.adoptBest(run)) {
            listener.warning(LenetHome.display(checkpoints.bestOutput()) + " no longer holds this run's best model "
                    + "(epoch " + run.bestEpoch + "); the best of the epochs still to train will be written there");
            run.forgetBest();
        }
        data.augmentation().skip(batches.skipTo(run.epoch, run.batchesDone));
        if (run.epoch > epochs) {
            listener.finishing(resume.path(), epochs, run.bestEpoch);
        } else {
            listener.resumed(resume.path(), run.epoch, run.batchesDone, batches.batchesPerEpoch());
        }
        return run;
    }

    /** Whether {@code best} is a model of a run (not a finished file) whose test accuracy is not recorded yet. */
    private static boolean untested(Path best) {
        try {
            CheckpointMetadata metadata = Checkpoints.readMetadata(best);
            return metadata.training() != null && metadata.testAccuracy() == null;
        } catch (LenetException e) {
            return false;
        }
    }

    /** Where the checkpoint's run stood; a checkpoint without it (or its options) cannot be resumed. */
    static TrainingState state(Checkpoints.Loaded checkpoint) {
        TrainingState state = checkpoint.metadata().training();
        if (checkpoint.metadata().hyperParameters() == null || state == null) {
            throw LenetException.badInput(LenetHome.display(checkpoint.path()) + ": cannot resume: the checkpoint has "
                    + "no training state (written by a lenet before checkpoint format 2)");
        }
        return state;
    }

    /** {@code models/lenet-last.zip} gives {@code models/lenet.zip}; any other name the default best model. */
    static Path bestFor(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        if (name.endsWith("-last.zip") && name.length() > "-last.zip".length()) {
            return checkpoint.resolveSibling(name.substring(0, name.length() - "-last.zip".length()) + ".zip");
        }
        return LenetHome.modelsDir().resolve("lenet.zip");
    }
}
