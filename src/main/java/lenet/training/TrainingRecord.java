package lenet.training;

import java.awt.AWTError;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import lenet.core.AtomicFiles;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.model.EpochMetrics;
import lenet.pictures.Png;
import lenet.pictures.TrainingCurves;

/**
 * The record of a run beside its model, rewritten after every epoch so that it can be watched during training:
 * {@code NAME.metrics.csv}, one row per epoch, and {@code NAME.curves.png}, loss and accuracy per epoch.
 */
public final class TrainingRecord {
    public static final String CSV_HEADER =
            "epoch,train_loss,train_accuracy,val_loss,val_accuracy,images_per_second,seconds,best";

    private TrainingRecord() {}

    /**
     * Writes both files ({@code sampleImages}: the training images whose accuracy each epoch measured). A failure (a full disk, or Java2D that cannot draw) is only a warning: the checkpoints are
     * what must not be lost, and the record is written again after the next epoch.
     */
    static void write(List<EpochMetrics> epochs, TrainOptions options, int sampleImages, TrainingListener listener) {
        try {
            write(epochs, options, sampleImages);
        } catch (LenetException e) {
            listener.warning(e.getMessage());
        } catch (RuntimeException | AWTError | LinkageError | InternalError e) {
            // Java2D without a display or fonts: the curves are a picture of numbers the CSV already holds
            listener.warning(LenetHome.display(options.curvesOutput()) + ": cannot draw the training curves (" + e
                    + "); training goes on");
        }
    }

    private static void write(List<EpochMetrics> epochs, TrainOptions options, int sampleImages) {
        AtomicFiles.writeOrFail(options.metricsOutput(), "metrics", out -> {
            PrintWriter csv = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            csv.print(CSV_HEADER + "\n");
            for (EpochMetrics e : epochs) {
                csv.print(String.format(
                                Locale.ROOT,
                                "%d,%s,%s,%s,%s,%.1f,%.3f,%b",
                                e.epoch(),
                                number(e.trainLoss()),
                                number(e.trainAccuracy()),
                                number(e.valLoss()),
                                number(e.valAccuracy()),
                                e.imagesPerSecond(),
                                e.seconds(),
                                e.best())
                        + "\n");
            }
            csv.flush();
        });
        Png.write(
                TrainingCurves.draw(epochs, options.hyperParameters().epochs(), sampleImages), options.curvesOutput());
    }

    /** Six decimals; empty where there is no value (no validation set). */
    private static String number(Double value) {
        return value != null && Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : "";
    }
}
