package lenet.training;

import java.util.List;
import lenet.model.EpochMetrics;

/**
 * When a run first reached a validation accuracy: the epoch, and the seconds of training and validation up to the end
 * of it (the sum of the epochs' times, so a resumed run counts only time spent training).
 *
 * @param target the accuracy, 0..1
 * @param epoch  the first epoch at or above it, or 0 if none was
 * @param seconds the time up to the end of that epoch (NaN if none was)
 */
public record TimeToAccuracy(double target, int epoch, double seconds) {
    /** The validation accuracy lenet's headline promises on the test set. */
    public static final double TARGET = 0.99;

    public static TimeToAccuracy of(List<EpochMetrics> epochs, double target) {
        double seconds = 0;
        for (EpochMetrics e : epochs) {
            seconds += e.seconds();
            if (e.valAccuracy() != null && e.valAccuracy() >= target) {
                return new TimeToAccuracy(target, e.epoch(), seconds);
            }
        }
        return new TimeToAccuracy(target, 0, Double.NaN);
    }

    public boolean reached() {
        return epoch > 0;
    }
}
