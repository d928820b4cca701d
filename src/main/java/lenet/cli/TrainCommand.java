package lenet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lenet.checkpoint.Checkpoints;
import lenet.core.StopSignal;
import lenet.data.ImageSource;
import lenet.model.HyperParameters;
import lenet.model.HyperParametersBuilder;
import lenet.output.DownloadBar;
import lenet.output.Terminal;
import lenet.output.TrainPrinter;
import lenet.training.HyperParameterRules;
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
        defaultValueProvider = HyperParameterOptions.Defaults.class,
        versionProvider = VersionProvider.class,
        description = {
            "Trains LeNet-5 on a dataset's training images (MNIST's 60,000 digits unless --dataset or --images says "
                    + "otherwise) and reports, after every epoch, the training loss "
                    + "and accuracy, images per second and seconds; with --val-size N, N of the images are held out "
                    + "and their loss and accuracy are reported instead of the training accuracy.",
            "The model is written to --output after every epoch (with --val-size: the best by validation accuracy), "
                    + "the last epoch's model with the optimizer state beside it as NAME-last.zip; at the end the model "
                    + "is evaluated once on the dataset's test images.",
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

    /**
     * What the options below set, each by its name in {@link HyperParameters}; an option left out keeps the default
     * that {@link HyperParameterOptions} shows in the help.
     */
    private final HyperParametersBuilder hyperParameters = HyperParametersBuilder.builder(HyperParameters.defaults());

    @Option(
            names = "--epochs",
            order = 1,
            paramLabel = "N",
            description = "Passes over the training images (default: ${DEFAULT-VALUE}).")
    void epochs(int value) {
        hyperParameters.epochs(value);
    }

    @Option(
            names = "--batch-size",
            order = 2,
            paramLabel = "N",
            description = "Images per gradient step (default: ${DEFAULT-VALUE}).")
    void batchSize(int value) {
        hyperParameters.batchSize(value);
    }

    @Option(
            names = "--lr",
            order = 3,
            paramLabel = "RATE",
            description = "Adam learning rate for the first epoch, per worker: with --workers N the averaged steps use "
                    + "N × RATE; --schedule says how it falls (default: ${DEFAULT-VALUE}).")
    void learningRate(double value) {
        hyperParameters.learningRate(value);
    }

    @Option(
            names = "--gamma",
            order = 4,
            paramLabel = "FACTOR",
            description = "With --schedule exponential, multiply the learning rate by this after every epoch; 1 "
                    + "keeps it constant (default: ${DEFAULT-VALUE}).")
    void gamma(double value) {
        hyperParameters.gamma(value);
    }

    @Option(
            names = "--shift",
            order = 5,
            paramLabel = "PIXELS",
            description = "Data augmentation: every epoch, move each training image by a random distance, up to "
                    + "this many pixels in each direction (whole pixels when --rotate, --scale, --shear, --elastic "
                    + "and --thicken are all 0); 0 turns it off (default: ${DEFAULT-VALUE}).")
    void shift(int value) {
        hyperParameters.shift(value);
    }

    @Mixin
    RecipeOptions recipe = new RecipeOptions(hyperParameters);

    @Option(
            names = "--seed",
            order = 14,
            paramLabel = "N",
            description = "Seed for the batch order, the augmentation, the initial weights and the validation "
                    + "split; the same seed gives the same run on the same CPU kind (default: ${DEFAULT-VALUE}).")
    void seed(long value) {
        hyperParameters.seed(value);
    }

    @Option(
            names = "--val-size",
            order = 15,
            paramLabel = "N",
            description = "Training images held out for validation, drawn at random by --seed from the 60,000, "
                    + "for per-epoch validation accuracy, the best epoch's model and --patience; 0 trains on all "
                    + "60,000 and keeps the last epoch (default: ${DEFAULT-VALUE}).")
    void valSize(int value) {
        hyperParameters.valSize(value);
    }

    @Option(
            names = "--limit",
            order = 16,
            paramLabel = "N",
            description = "Train on only the first N images of the training split, for quick runs (default: all).")
    void limit(int value) {
        hyperParameters.limit(value);
    }

    @Option(
            names = "--workers",
            order = 17,
            paramLabel = "N",
            description = "Data-parallel training (DL4J ParallelWrapper): N replicas of the model each train on "
                    + "their own batches, for example one per GPU on a multi-GPU machine, sharing the --threads; their "
                    + "parameters and Adam state are averaged after every step, so one step uses N × --batch-size "
                    + "images and the learning rate is N × --lr. The replicas run DL4J's own layers, not lenet's "
                    + "oneDNN path: on the CPU one worker using every core is several times faster "
                    + "(see src/site/markdown/performance.md) (default: ${DEFAULT-VALUE}).")
    void workers(int value) {
        hyperParameters.workers(value);
    }

    @Option(
            names = "--patience",
            order = 18,
            paramLabel = "N",
            description = "Early stopping, with --val-size above 0: end the run once validation accuracy has not "
                    + "improved for N epochs; the best model is kept and tested as usual, and the run stays resumable. "
                    + "0 trains every epoch (default: ${DEFAULT-VALUE}).")
    void patience(int value) {
        hyperParameters.patience(value);
    }

    @Option(
            names = {"-o", "--output"},
            order = 19,
            paramLabel = "FILE",
            description = "Where to write the model, the best one with --val-size (default: models/lenet.zip, "
                    + "models/NAME.zip for another --dataset or --images NAME).")
    Path output;

    @Option(
            names = "--resume",
            order = 20,
            paramLabel = "FILE",
            description =
                    "Go on from a checkpoint written by an earlier run, interrupted or finished (its NAME-last.zip), "
                            + "with the options it was started with. Only --epochs (to train longer), --output, --data-dir "
                            + "and --json may differ; the other training options must be left out or match. The best model "
                            + "goes to NAME.zip beside it unless --output says otherwise.")
    String resume;

    @Mixin
    TrainDataOptions data;

    @Mixin
    HelpOptions help; // -h and -V, placed after the options above: the hyper-parameter methods need an order

    @Option(
            names = "--json",
            order = 22,
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
        HyperParameters asked = hyperParameters.build();
        Checkpoints.Loaded checkpoint = null;
        HyperParameters hp;
        data.check(spec.commandLine());
        if (resume != null) {
            validate(asked);
            checkpoint = Checkpoints.load(Checkpoints.resolve(resume), true);
            HyperParameterOptions.refuseChanged(spec.commandLine(), asked, checkpoint);
            hp = checkpoint.metadata().hyperParameters();
        } else {
            hp = HyperParameterOptions.given(spec.commandLine(), asked, data.recipe());
            validate(hp);
        }
        TrainPrinter printer = new TrainPrinter(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                json,
                hp.batchSize(),
                hp.workers(),
                Terminal.stdoutWidth());
        DownloadBar downloads = new DownloadBar(spec.commandLine().getErr());
        ImageSource source = data.source(checkpoint, hp.seed(), downloads, printer::warning);
        TrainOptions options = checkpoint != null
                ? Resume.options(checkpoint, given("--epochs") ? asked.epochs() : null, output, source)
                : new TrainOptions(hp, source, output != null ? output : data.defaultOutput());
        stop.onFirst(() -> {
            printer.stopping();
            downloads.interrupt(); // a download under way ends at once, leaving nothing
        });
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

    private void validate(HyperParameters hp) {
        HyperParameterRules.check(hp, data.trainImages(), given("--limit"), this::require);
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
            throw new ParameterException(spec.commandLine(), HyperParameterRules.message(option, value, rule));
        }
    }
}
