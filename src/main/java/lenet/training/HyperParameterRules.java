package lenet.training;

import lenet.model.HyperParameters;

/**
 * The range of every hyper-parameter, as {@code lenet train} and the Java API ({@code lenet.api.Training}) check it:
 * each rule names the option ({@code --epochs}), the value and what it must be, so that both say the same.
 */
public final class HyperParameterRules {
    private HyperParameterRules() {}

    /** A failed rule: the option, its value and the rule, such as {@code --epochs}, 0, "must be at least 1". */
    public interface Check {
        void unless(boolean ok, String option, Object value, String rule);
    }

    /** The one line a failed rule makes: {@code Invalid value for option '--epochs': 0 (must be at least 1)}. */
    public static String message(String option, Object value, String rule) {
        return "Invalid value for option '" + option + "': " + value + " (" + rule + ")";
    }

    /**
     * @param trainImages the training images of the dataset chosen, or 0 when not known before they are read (a
     *                    person's own folder)
     * @param limitGiven  whether a limit was asked for (0, the default, means all images)
     */
    public static void check(HyperParameters hp, int trainImages, boolean limitGiven, Check fail) {
        fail.unless(hp.epochs() >= 1, "--epochs", hp.epochs(), "must be at least 1");
        fail.unless(hp.batchSize() >= 1, "--batch-size", hp.batchSize(), "must be at least 1");
        fail.unless(
                hp.learningRate() > 0 && hp.learningRate() <= 1,
                "--lr",
                hp.learningRate(),
                "must be above 0 and at most 1");
        fail.unless(hp.gamma() > 0 && hp.gamma() <= 1, "--gamma", hp.gamma(), "must be above 0 and at most 1");
        fail.unless(hp.shift() >= 0 && hp.shift() <= 8, "--shift", hp.shift(), "must be between 0 and 8");
        fail.unless(
                hp.valSize() >= 0 && (trainImages == 0 || hp.valSize() < trainImages),
                "--val-size",
                hp.valSize(),
                trainImages == 0 ? "must be at least 0" : "must be between 0 and " + (trainImages - 1));
        fail.unless(hp.workers() >= 1 && hp.workers() <= 64, "--workers", hp.workers(), "must be between 1 and 64");
        fail.unless(hp.patience() >= 0, "--patience", hp.patience(), "must be at least 0");
        fail.unless(
                hp.patience() == 0 || hp.valSize() > 0,
                "--patience",
                hp.patience(),
                "needs a validation set: --val-size above 0");
        fail.unless(hp.rotation() >= 0 && hp.rotation() <= 90, "--rotate", hp.rotation(), "must be between 0 and 90");
        fail.unless(hp.scale() >= 0 && hp.scale() < 1, "--scale", hp.scale(), "must be at least 0 and below 1");
        fail.unless(hp.shear() >= 0 && hp.shear() <= 1, "--shear", hp.shear(), "must be between 0 and 1");
        fail.unless(hp.elastic() >= 0 && hp.elastic() <= 8, "--elastic", hp.elastic(), "must be between 0 and 8");
        fail.unless(hp.thickness() >= 0 && hp.thickness() <= 1, "--thicken", hp.thickness(), "must be between 0 and 1");
        fail.unless(
                hp.flaggedOnes() >= 0 && hp.flaggedOnes() <= 1,
                "--flagged-ones",
                hp.flaggedOnes(),
                "must be between 0 and 1");
        fail.unless(hp.mirror() >= 0 && hp.mirror() <= 1, "--mirror", hp.mirror(), "must be between 0 and 1");
        fail.unless(
                hp.labelSmoothing() >= 0 && hp.labelSmoothing() < 1,
                "--label-smoothing",
                hp.labelSmoothing(),
                "must be at least 0 and below 1");
        fail.unless(
                HyperParameters.EXPONENTIAL.equals(hp.schedule()) || HyperParameters.COSINE.equals(hp.schedule()),
                "--schedule",
                hp.schedule(),
                "must be exponential or cosine");
        if (limitGiven) {
            fail.unless(hp.limit() >= 1, "--limit", hp.limit(), "must be at least 1");
        }
    }
}
