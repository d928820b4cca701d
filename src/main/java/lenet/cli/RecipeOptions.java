package lenet.cli;

import java.util.Map;
import lenet.model.HyperParameters;
import picocli.CommandLine.Option;

/**
 * {@code train}'s options for how the training images are distorted, how the targets are smoothed and how the
 * learning rate falls: the training recipe, which src/site/markdown/accuracy.md measures part by part.
 */
final class RecipeOptions {
    @Option(
            names = "--rotate",
            paramLabel = "DEGREES",
            defaultValue = "10",
            description = "Data augmentation: turn each training image by a random angle up to this many degrees "
                    + "either way (default: ${DEFAULT-VALUE}).")
    double rotation;

    @Option(
            names = "--scale",
            paramLabel = "FRACTION",
            defaultValue = "0.1",
            description = "Data augmentation: grow or shrink each training image by up to this fraction; 0.1 is 90%% "
                    + "to 110%% (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(
            names = "--shear",
            paramLabel = "SLOPE",
            defaultValue = "0.2",
            description = "Data augmentation: slant each training image by up to this slope either way, 0.2 being "
                    + "0.2 px across per px down (default: ${DEFAULT-VALUE}).")
    double shear;

    @Option(
            names = "--elastic",
            paramLabel = "PIXELS",
            defaultValue = "1.0",
            description = "Data augmentation: bend each training image by a smooth random field (an elastic "
                    + "distortion) that moves its points by up to this many pixels (default: ${DEFAULT-VALUE}).")
    double elastic;

    @Option(
            names = "--thicken",
            paramLabel = "FRACTION",
            defaultValue = "0",
            description = "Data augmentation: make each training image's strokes thicker or thinner, up to this "
                    + "fraction of a one-pixel growth or shrinkage (default: ${DEFAULT-VALUE}).")
    double thickness;

    @Option(
            names = "--label-smoothing",
            paramLabel = "EPSILON",
            defaultValue = "0.1",
            description = "Train toward 1 - EPSILON + EPSILON/10 for the true digit and EPSILON/10 for the others "
                    + "instead of 1 and 0. The training loss then cannot fall to 0 (its least is 0.50 at 0.1); "
                    + "validation and test losses are measured against the true digit alone (default: "
                    + "${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(
            names = "--schedule",
            paramLabel = "KIND",
            defaultValue = HyperParameters.COSINE,
            description = "How the learning rate falls: cosine (half a cosine over --epochs, from --lr to 2%% of "
                    + "it; a run trained longer with --resume keeps the last epoch's rate) or exponential (× --gamma "
                    + "after every epoch) (default: ${DEFAULT-VALUE}).")
    String schedule;

    /** Checks each option's range; {@code fail} gets the option, its value and the rule it breaks. */
    void validate(Check fail) {
        fail.unless(rotation >= 0 && rotation <= 90, "--rotate", rotation, "must be between 0 and 90");
        fail.unless(scale >= 0 && scale < 1, "--scale", scale, "must be at least 0 and below 1");
        fail.unless(shear >= 0 && shear <= 1, "--shear", shear, "must be between 0 and 1");
        fail.unless(elastic >= 0 && elastic <= 8, "--elastic", elastic, "must be between 0 and 8");
        fail.unless(thickness >= 0 && thickness <= 1, "--thicken", thickness, "must be between 0 and 1");
        fail.unless(
                labelSmoothing >= 0 && labelSmoothing < 1,
                "--label-smoothing",
                labelSmoothing,
                "must be at least 0 and below 1");
        fail.unless(
                HyperParameters.EXPONENTIAL.equals(schedule) || HyperParameters.COSINE.equals(schedule),
                "--schedule",
                schedule,
                "must be exponential or cosine");
    }

    /** The values a run was trained with, by option, for comparing with those given on {@code --resume}. */
    static void recorded(HyperParameters hp, Map<String, Object> values) {
        values.put("--rotate", hp.rotation());
        values.put("--scale", hp.scale());
        values.put("--shear", hp.shear());
        values.put("--elastic", hp.elastic());
        values.put("--thicken", hp.thickness());
        values.put("--label-smoothing", hp.labelSmoothing());
        values.put("--schedule", hp.schedule());
    }

    /** A range check that fails with the option, its value and the rule. */
    interface Check {
        void unless(boolean ok, String option, Object value, String rule);
    }
}
