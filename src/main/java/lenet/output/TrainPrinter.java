package lenet.output;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lenet.core.Backend;
import lenet.core.CpuKind;
import lenet.core.Json;
import lenet.core.LenetHome;
import lenet.model.EpochMetrics;
import lenet.training.TrainResult;
import lenet.training.TrainingListener;

/**
 * Shows a training run: a progress bar per epoch on stderr, then one line per epoch and the test result on
 * stdout, either for people or as one JSON object per line ({@code --json}).
 */
public final class TrainPrinter implements TrainingListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private int epochs;
    private final int batchSize;
    private final int workers;
    private Progress.Bar bar;
    private boolean tableStarted;
    /** Whether the run holds out a validation set: the table shows its loss and accuracy, else training accuracy. */
    private boolean validated = true;
    /** Where the run stands, for what the first Ctrl-C says: the epoch under way (0: none), its batches, done. */
    private volatile int epochUnderWay;

    private volatile int epochBatches;
    private volatile int batchesTrained;
    private volatile int epochsDone;
    private final int outWidth;

    /**
     * @param outWidth the width of the terminal stdout is on, that sentences are broken to fit (0: a file or a
     *                 pipe, no limit)
     */
    public TrainPrinter(PrintWriter out, PrintWriter err, boolean json, int batchSize, int workers, int outWidth) {
        this.out = out;
        this.outWidth = outWidth;
        this.err = err;
        this.json = json;
        this.batchSize = batchSize;
        this.workers = workers;
    }

    @Override
    public void started(String images, int trainImages, int validationImages, int epochs) {
        this.epochs = epochs;
        this.validated = validationImages > 0;
        if (!json) {
            String header = String.format(
                    Locale.ROOT,
                    "Training LeNet-5 for %d epoch%s (batch %d, %d worker%s) on %,d %s images, %s",
                    epochs,
                    epochs == 1 ? "" : "s",
                    batchSize,
                    workers,
                    workers == 1 ? "" : "s",
                    trainImages,
                    images,
                    validated
                            ? String.format(Locale.ROOT, "%,d held out for validation", validationImages)
                            : "none held out for validation");
            note(header);
        }
    }

    @Override
    public void resumed(Path checkpoint, int epoch, int batchesDone, int batchesPerEpoch) {
        epochsDone = epoch - 1;
        if (!json) {
            note(String.format(
                    Locale.ROOT,
                    "Resuming from %s at epoch %d, batch %d of %d",
                    LenetHome.display(checkpoint),
                    epoch,
                    batchesDone + 1,
                    batchesPerEpoch));
        }
    }

    @Override
    public void finishing(Path checkpoint, int epochs, int bestEpoch) {
        this.epochs = epochs;
        epochsDone = epochs;
        if (!json) {
            note(String.format(
                    Locale.ROOT,
                    "Finishing the run of %s after its last epoch (%d/%d): testing its best model (epoch %d)",
                    LenetHome.display(checkpoint),
                    epochs,
                    epochs,
                    bestEpoch));
        }
    }

    @Override
    public void warning(String message) {
        err.println("lenet: warning: " + message);
        err.flush();
    }

    /** The first Ctrl-C: says what happens now, on a line of its own below the progress bar. */
    public synchronized void stopping() {
        if (bar != null) {
            err.println();
        }
        String now;
        if (epochs > 0 && epochsDone >= epochs) {
            now = "stopping after the test evaluation, before its figure is recorded "
                    + "(press Ctrl-C again to quit at once)";
        } else if (epochUnderWay > 0 && batchesTrained >= epochBatches) {
            now = "stopping once this epoch is validated and saved (press Ctrl-C again to quit at once, without "
                    + "saving)";
        } else if (epochUnderWay > 0) {
            now = "stopping after this batch to save where training stands (press Ctrl-C again to quit at once, "
                    + "without saving)";
        } else if (epochsDone > 0) {
            now = "stopping before the next epoch (press Ctrl-C again to quit at once)";
        } else {
            now = "stopping before training starts (press Ctrl-C again to quit at once)";
        }
        err.println("lenet: " + now);
        err.flush();
    }

    @Override
    public void epochStarted(int epoch, int batches, int batchesDone) {
        epochBatches = batches;
        batchesTrained = batchesDone;
        epochUnderWay = epoch;
        bar = Progress.bar(err, String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), batches, "batches");
        if (bar != null && batchesDone > 0) {
            bar.stepTo(batchesDone);
        }
    }

    @Override
    public void batchDone(int epoch, int batch, double loss) {
        batchesTrained = batch;
        if (bar != null) {
            bar.stepTo(batch);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
        }
    }

    /** Erases the progress bar, if one is shown. */
    public void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void epochDone(EpochMetrics r) {
        epochUnderWay = 0;
        epochsDone = r.epoch();
        closeBar();
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("epoch", r.epoch());
            line.put("train_loss", round(r.trainLoss(), 6));
            line.put("train_accuracy", round(r.trainAccuracy(), 6));
            line.put("val_loss", round(r.valLoss(), 6));
            line.put("val_accuracy", round(r.valAccuracy(), 6));
            line.put("images_per_second", round(r.imagesPerSecond(), 1));
            line.put("seconds", round(r.seconds(), 3));
            out.println(Json.line(line));
        } else {
            String row = EpochTable.row(r, epochs, validated);
            out.println(tableStarted ? row : EpochTable.header(epochs, validated) + System.lineSeparator() + row);
            tableStarted = true;
        }
        out.flush();
    }

    @Override
    public void finished(TrainResult r) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("test_accuracy", round(r.testAccuracy(), 6));
            line.put("model", LenetHome.display(r.model()));
            line.put("best_epoch", r.bestEpoch());
            line.put("last_model", LenetHome.display(r.lastModel()));
            if (Backend.cpuLoaded()) { // the kernels decide the last bits of the weights
                line.put("onednn_isa", r.computePath().usesOneDnn() ? CpuKind.onednnIsa() : null); // null on arm64
                line.put("blas_core", CpuKind.blasCore());
            }
            line.put("stopped_early", r.stoppedEarly());
            line.put("epoch_to_99", r.to99().reached() ? r.to99().epoch() : null);
            line.put("seconds_to_99", r.to99().reached() ? round(r.to99().seconds(), 1) : null);
            line.put("compute_path", r.computePath().id());
            out.println(Json.line(line));
        } else {
            if (r.stoppedEarly()) {
                int last = r.epochs().get(r.epochs().size() - 1).epoch();
                sentence(String.format(
                        Locale.ROOT,
                        "stopped early after epoch %d: no better validation accuracy since epoch %d (--patience)",
                        last,
                        r.bestEpoch()));
            }
            sentence(String.format(
                    Locale.ROOT,
                    "test accuracy %s on %,d %s test images (model of epoch %d)",
                    percent(r.testAccuracy()),
                    r.testImages(),
                    r.images(),
                    r.bestEpoch()));
            boolean withValidation = r.epochs().stream().anyMatch(e -> e.valAccuracy() != null);
            sentence(String.format(
                    withValidation
                            ? "saved best model to %s, last epoch to %s"
                            : "saved model to %s, with its optimizer state for --resume to %s",
                    LenetHome.display(r.model()),
                    LenetHome.display(r.lastModel())));
            if (withValidation) {
                sentence(
                        r.to99().reached()
                                ? String.format(
                                        Locale.ROOT,
                                        "validation accuracy reached 99.0%% in epoch %d, %.1f s into training",
                                        r.to99().epoch(),
                                        r.to99().seconds())
                                : "validation accuracy did not reach 99.0%");
            }
        }
        out.flush();
    }

    /** A line of prose on stderr, broken at spaces on a terminal, never inside a word. */
    private void note(String text) {
        err.println(
                Terminal.stderrIsTerminal() ? Wrap.text(text, Terminal.system().width(), "") : text);
        err.flush();
    }

    /** A line of prose on stdout, broken at spaces on a terminal. */
    private void sentence(String text) {
        out.println(Wrap.text(text, outWidth, ""));
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    /** Rounded for output; no value (no validation set) stays null. */
    static Double round(Double value, int digits) {
        if (value == null || Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
