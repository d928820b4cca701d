package lenet.training;

import java.nio.file.Path;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.ShellWords;

/**
 * The messages of a run that was stopped (Ctrl-C, SIGTERM): where it stopped, what was written, and the command
 * that goes on from there. They exit with the code of the signal: {@link LenetException#INTERRUPTED} for Ctrl-C,
 * {@link LenetException#TERMINATED} for SIGTERM.
 */
final class Interruption {
    private Interruption() {}

    /**
     * Stopped with one worker, before, inside or after an epoch.
     *
     * @param saved       whether the last checkpoint was written just now
     * @param partialBest where the model of an unfinished first epoch was written as the best so far, or null
     */
    static LenetException of(int exitCode, TrainOptions options, RunState run, boolean saved, Path partialBest) {
        int epochs = options.hyperParameters().epochs();
        StringBuilder message = new StringBuilder("interrupted");
        if (run.epoch > epochs) {
            return new LenetException(
                    exitCode,
                    message.append(" after the last epoch (")
                            .append(epochs)
                            .append('/')
                            .append(epochs)
                            .append("), before the test accuracy was recorded: the models are written; test the best "
                                    + "and finish the run with: ")
                            .append(resumeCommand(options))
                            .toString());
        }
        if (run.batchesDone > 0) {
            message.append(" in epoch ")
                    .append(run.epoch)
                    .append('/')
                    .append(epochs)
                    .append(" after ")
                    .append(run.batchesDone)
                    .append(" batches");
        } else if (run.epoch > 1) {
            message.append(" after epoch ").append(run.epoch - 1).append('/').append(epochs);
        }
        if (saved) {
            message.append(": saved ").append(LenetHome.display(options.lastOutput()));
        } else if (run.epoch == 1 && run.batchesDone == 0) {
            return new LenetException(
                    exitCode,
                    message.append(" before training started: nothing was written; run the same command again to "
                                    + "start")
                            .toString());
        } else {
            message.append(": ").append(LenetHome.display(options.lastOutput())).append(" is up to date");
        }
        if (partialBest != null) {
            message.append(", and the model so far as ").append(LenetHome.display(partialBest));
        } else {
            message.append(bestSoFar(options, run));
        }
        message.append("; resume with: ").append(resumeCommand(options));
        return new LenetException(exitCode, message.toString());
    }

    /**
     * Stopped inside an epoch with several workers: nothing is written. ParallelWrapper's replicas keep their own
     * Adam state, which the network does not hold and a new wrapper (one per epoch) starts afresh, so a run with
     * workers goes on from the start of the epoch, from the checkpoint written when the previous one finished.
     */
    static LenetException withWorkers(int exitCode, TrainOptions options, RunState run) {
        StringBuilder message = new StringBuilder("interrupted in epoch ")
                .append(run.epoch)
                .append('/')
                .append(options.hyperParameters().epochs())
                .append(" after ")
                .append(run.batchesDone)
                .append(" batches; with --workers ")
                .append(options.hyperParameters().workers())
                .append(" training resumes from the start of an epoch");
        if (run.epoch == 1) {
            return new LenetException(
                    exitCode,
                    message.append(", and none has finished: nothing was written")
                            .toString());
        }
        message.append(": ")
                .append(LenetHome.display(options.lastOutput()))
                .append(" holds epoch ")
                .append(run.epoch - 1)
                .append(bestSoFar(options, run));
        return new LenetException(
                exitCode,
                message.append("; resume with: ").append(resumeCommand(options)).toString());
    }

    /** The command that goes on from the last checkpoint. */
    static String resumeCommand(TrainOptions options) {
        return "lenet train --resume " + ShellWords.quote(LenetHome.display(options.lastOutput()))
                + options.data().resumeArguments();
    }

    /** {@code ; best model so far (epoch N): FILE}, or nothing before the first epoch has finished. */
    private static String bestSoFar(TrainOptions options, RunState run) {
        return run.bestEpoch > 0
                ? "; best model so far (epoch " + run.bestEpoch + "): " + LenetHome.display(options.output())
                : "";
    }
}
