package lenet.output;

import java.util.Locale;
import lenet.model.EpochMetrics;

/** The table {@code lenet train} prints: a header, then a row per epoch, 80 columns wide at most. */
final class EpochTable {
    private EpochTable() {}

    /**
     * The head of the epoch table: one row per epoch follows, 80 columns wide at most. Without a validation set its
     * loss and accuracy give way to the training accuracy.
     */
    static String header(int epochs, boolean validated) {
        if (!validated) {
            return String.format(
                    Locale.ROOT,
                    "%-" + epochColumn(epochs) + "s%12s%16s%10s%9s",
                    "epoch",
                    "train loss",
                    "train accuracy",
                    "images/s",
                    "seconds");
        }
        return String.format(
                Locale.ROOT,
                "%-" + epochColumn(epochs) + "s%12s%10s%14s%10s%9s",
                "epoch",
                "train loss",
                "val loss",
                "val accuracy",
                "images/s",
                "seconds");
    }

    /**
     * One epoch's row: {@code  1/10      0.3010    0.0712        97.90%     5,640      9.7  *best}, or without a
     * validation set {@code  1/10      0.3010          98.50%     5,640      9.7}.
     */
    static String row(EpochMetrics r, int epochs, boolean validated) {
        if (!validated) {
            return String.format(
                    Locale.ROOT,
                    "%" + epochColumn(epochs) + "s%12.4f%16s%,10.0f%9.1f",
                    r.epoch() + "/" + epochs,
                    r.trainLoss(),
                    r.trainAccuracy() == null ? "-" : TrainPrinter.percent(r.trainAccuracy()),
                    r.imagesPerSecond(),
                    r.seconds());
        }
        return String.format(
                Locale.ROOT,
                "%" + epochColumn(epochs) + "s%12.4f%10s%14s%,10.0f%9.1f%s",
                r.epoch() + "/" + epochs,
                r.trainLoss(),
                r.valLoss() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.valLoss()),
                r.valAccuracy() == null ? "-" : TrainPrinter.percent(r.valAccuracy()),
                r.imagesPerSecond(),
                r.seconds(),
                r.best() ? "  *best" : "");
    }

    private static int epochColumn(int epochs) {
        return Math.max("epoch".length(), 2 * String.valueOf(epochs).length() + 1);
    }
}
