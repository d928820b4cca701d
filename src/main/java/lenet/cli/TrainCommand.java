package lenet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetHome;
import lenet.core.StopSignal;
import lenet.data.MnistData;
import lenet.model.HyperParameters;
import lenet.output.Terminal;
import lenet.output.TrainPrinter;
import lenet.training.Resume;
import lenet.training.TrainOptions;
import lenet.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "train",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Trains LeNet-5 on the MNIST training images and reports, after every epoch, the training loss, the "
                    + "validation loss and accuracy, images per second and seconds.",
            "The best model by validation accuracy is written to --output, the last epoch's model (with the "
                    + "optimizer state) beside it as NAME-last.zip; at the end the best model is evaluated once on "
                    + "the 10,000 MNIST test images.",
            "After every epoch NAME.metrics.csv (one row per epoch: training loss and accuracy, validation loss and "
                    + "accuracy, images per second, seconds) and NAME.curves.png (loss and accuracy per epoch) are "
                    + "rewritten beside the model, so the run can be watched while it trains. Training accuracy is "
                    + "measured after each epoch on the first 5,000 training images.",
            "Ctrl-C (or SIGTERM) stops after the current batch, saves NAME-last.zip with where training stands, "
                    + "and exits with code 130 (143 after SIGTERM); a second signal quits at once without writing "
                    + "anything. "
                    + "--resume NAME-last.zip goes on from there: with one worker on the CPU it ends with the same "
                    + "weights as a run that was never stopped (with several workers, from the start of the stopped "
                    + "epoch). Stopped after the last epoch, before the test accuracy is recorded, --resume tests the "
                    + "best model and finishes the run.",
            "One run writes an output at a time: a second train (or --resume) whose --output a running train is "
                    + "writing refuses at once, naming that process (exit code 2). The lock is the operating "
                    + "system's, on .NAME.zip.lock beside the model, and ends with the process however it ends."
        })
final class TrainCommand implements Callable<Integer>, Stoppable {
    @Spec
    CommandSpec spec;

    /** Ctrl-C and SIGTERM, caught since the start-up. */
    private StopSignal stop = StopSignal.none();

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "10",
            description = "Passes over the training images (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "128",
            description = "Images per gradient step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            defaultValue = "0.004",
            description = "Adam learning rate for the first epoch, per worker: with --workers N the averaged steps use "
                    + "N × RATE; --schedule says how it falls (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(
            names = "--gamma",
            paramLabel = "FACTOR",
            defaultValue = "0.7",
            description = "With --schedule exponential, multiply the learning rate by this after every epoch; 1 "
                    + "keeps it constant (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(
            names = "--shift",
            paramLabel = "PIXELS",
            defaultValue = "2",
            description = "Data augmentation: every epoch, move each training image by a random distance, up to "
                    + "this many pixels in each direction (whole pixels when --rotate, --scale, --shear, --elastic "
                    + "and --thicken are all 0); 0 turns it off (default: ${DEFAULT-VALUE}).")
    int shift;

    @Mixin
    RecipeOptions recipe;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed for the validation split, the batch order and the initial weights; the same seed "
                    + "gives the same split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--val-size",
            paramLabel = "N",
            defaultValue = "5000",
            description = "Training images held out for validation, drawn at random by --seed from the 60,000; "
                    + "0 disables validation and keeps the last epoch (default: ${DEFAULT-VALUE}).")
    int valSize;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Train on only the first N images of the training split, for quick runs (default: all).")
    Integer limit;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "1",
            description = "Data-parallel training (DL4J ParallelWrapper): N replicas of the model each train on "
                    + "their own batches, for example one per GPU on a multi-GPU machine, sharing the --threads; their "
                    + "parameters and Adam state are averaged after every step, so one step uses N × --batch-size "
                    + "images and the learning rate is N × --lr. The replicas run DL4J's own layers, not lenet's "
                    + "oneDNN path: on the CPU one worker using every core is several times faster "
                    + "(see src/site/markdown/performance.md) (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--patience",
            paramLabel = "N",
            defaultValue = "0",
            description = "Early stopping: end the run once validation accuracy has not improved for N epochs; the "
                    + "best model is kept and tested as usual, and the run stays resumable. 0 trains every epoch "
                    + "(default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Where to write the best model (default: models/lenet.zip in the lenet folder).")
    Path output;

    @Option(
            names = "--resume",
            paramLabel = "FILE",
            description =
                    "Go on from a checkpoint written by an earlier run, interrupted or finished (its NAME-last.zip), "
                            + "with the options it was started with. Only --epochs (to train longer), --output, --data-dir "
                            + "and --json may differ; the other training options must be left out or match. The best model "
                            + "goes to NAME.zip beside it unless --output says otherwise.")
    String resume;

    @Mixin
    DataOptions data;

    @Option(
            names = "--json",
            description = "Print one JSON object per epoch, then one with the test accuracy, and nothing else on "
                    + "stdout.")
    boolean json;

    @Override
    public void takeOver(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public Integer call() {
        try (StopSignal signals = stop) {
            return train(signals);
        }
    }

    private int train(StopSignal stop) {
        validate();
        Checkpoints.Loaded checkpoint = null;
        TrainOptions options;
        if (resume != null) {
            checkpoint = Checkpoints.load(Checkpoints.resolve(resume), true);
            refuseChangedOptions(checkpoint);
            options = Resume.options(checkpoint, given("--epochs") ? epochs : null, output, data.dataDir());
        } else {
            Path best = output != null ? output : LenetHome.modelsDir().resolve("lenet.zip");
            HyperParameters hyperParameters = new HyperParameters(
                    epochs,
                    batchSize,
                    learningRate,
                    gamma,
                    shift,
                    seed,
                    valSize,
                    limit == null ? 0 : limit,
                    workers,
                    patience,
                    recipe.rotation,
                    recipe.scale,
                    recipe.shear,
                    recipe.elastic,
                    recipe.thickness,
                    recipe.labelSmoothing,
                    recipe.schedule);
            options = new TrainOptions(hyperParameters, data.dataDir(), best);
        }
        TrainPrinter printer = new TrainPrinter(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                json,
                options.hyperParameters().batchSize(),
                options.hyperParameters().workers(),
                Terminal.stdoutWidth());
        stop.onFirst(printer::stopping);
        try {
            Trainer.train(options, checkpoint, printer, stop);
        } finally {
            printer.closeBar();
        }
        return 0;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** A resumed run keeps its hyper-parameters: an option given with another value is a usage error. */
    private void refuseChangedOptions(Checkpoints.Loaded checkpoint) {
        HyperParameters recorded = checkpoint.metadata().hyperParameters();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("--batch-size", recorded.batchSize());
        values.put("--lr", recorded.learningRate());
        values.put("--gamma", recorded.gamma());
        values.put("--shift", recorded.shift());
        values.put("--seed", recorded.seed());
        values.put("--val-size", recorded.valSize());
        values.put("--limit", recorded.limit() == 0 ? null : recorded.limit());
        values.put("--workers", recorded.workers());
        values.put("--patience", recorded.patience());
        RecipeOptions.recorded(recorded, values);
        values.forEach((option, value) -> {
            Object typed = spec.commandLine().getParseResult().matchedOptionValue(option, null);
            if (given(option) && !Objects.equals(typed, value)) {
                throw new ParameterException(
                        spec.commandLine(),
                        option + " " + typed + ": cannot change when "
                                + "resuming (" + LenetHome.display(checkpoint.path()) + " was trained with "
                                + (value == null ? "no " + option : option + " " + value)
                                + "); leave it out, or start a new run without --resume");
            }
        });
    }

    private void validate() {
        require(epochs >= 1, "--epochs", epochs, "must be at least 1");
        require(batchSize >= 1, "--batch-size", batchSize, "must be at least 1");
        require(learningRate > 0 && learningRate <= 1, "--lr", learningRate, "must be above 0 and at most 1");
        require(gamma > 0 && gamma <= 1, "--gamma", gamma, "must be above 0 and at most 1");
        require(shift >= 0 && shift <= 8, "--shift", shift, "must be between 0 and 8");
        require(
                valSize >= 0 && valSize < MnistData.TRAIN_SIZE,
                "--val-size",
                valSize,
                "must be between 0 and " + (MnistData.TRAIN_SIZE - 1));
        require(workers >= 1 && workers <= 64, "--workers", workers, "must be between 1 and 64");
        require(patience >= 0, "--patience", patience, "must be at least 0");
        require(patience == 0 || valSize > 0, "--patience", patience, "needs a validation set: --val-size above 0");
        recipe.validate(this::require);
        if (limit != null) {
            require(limit >= 1, "--limit", limit, "must be at least 1");
        }
        if (output != null) {
            require(
                    !output.toString().isBlank() && output.getFileName() != null,
                    "--output",
                    output,
                    "must name a file");
        }
    }

    private void require(boolean ok, String option, Object value, String rule) {
        if (!ok) {
            throw new ParameterException(
                    spec.commandLine(), "Invalid value for option '" + option + "': " + value + " (" + rule + ")");
        }
    }
}
