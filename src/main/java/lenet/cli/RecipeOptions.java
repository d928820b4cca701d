package lenet.cli;

import lenet.model.HyperParametersBuilder;
import picocli.CommandLine.Option;

/**
 * {@code train}'s options for how the training images are distorted, how the targets are smoothed and how the
 * learning rate falls: the training recipe, which src/site/markdown/accuracy.md measures part by part.
 */
final class RecipeOptions {
    private final HyperParametersBuilder hyperParameters;

    RecipeOptions(HyperParametersBuilder hyperParameters) {
        this.hyperParameters = hyperParameters;
    }

    @Option(
            names = "--rotate",
            order = 6,
            paramLabel = "DEGREES",
            description = "Data augmentation: turn each training image by a random angle up to this many degrees "
                    + "either way (default: ${DEFAULT-VALUE}).")
    void rotation(double value) {
        hyperParameters.rotation(value);
    }

    @Option(
            names = "--scale",
            order = 7,
            paramLabel = "FRACTION",
            description = "Data augmentation: grow or shrink each training image by up to this fraction; 0.1 is 90%% "
                    + "to 110%% (default: ${DEFAULT-VALUE}).")
    void scale(double value) {
        hyperParameters.scale(value);
    }

    @Option(
            names = "--shear",
            order = 8,
            paramLabel = "SLOPE",
            description = "Data augmentation: slant each training image by up to this slope either way, 0.2 being "
                    + "0.2 px across per px down (default: ${DEFAULT-VALUE}).")
    void shear(double value) {
        hyperParameters.shear(value);
    }

    @Option(
            names = "--elastic",
            order = 9,
            paramLabel = "PIXELS",
            description = "Data augmentation: bend each training image by a smooth random field (an elastic "
                    + "distortion) that moves its points by up to this many pixels (default: ${DEFAULT-VALUE}).")
    void elastic(double value) {
        hyperParameters.elastic(value);
    }

    @Option(
            names = "--thicken",
            order = 10,
            paramLabel = "FRACTION",
            description = "Data augmentation: make each training image's strokes thicker or thinner, up to this "
                    + "fraction of a one-pixel growth or shrinkage (default: ${DEFAULT-VALUE}).")
    void thickness(double value) {
        hyperParameters.thickness(value);
    }

    @Option(
            names = "--flagged-ones",
            order = 11,
            paramLabel = "FRACTION",
            description = "Synthetic digits: give this fraction of the training 1s a flag, the short stroke from "
                    + "the top down to the left with which 1 is written in much of Europe; MNIST has few, and "
                    + "without them a drawn 1 with a flag reads as 7 (default: ${DEFAULT-VALUE}).")
    void flaggedOnes(double value) {
        hyperParameters.flaggedOnes(value);
    }

    @Option(
            names = "--mirror",
            order = 11,
            paramLabel = "FRACTION",
            description = "Data augmentation: flip this fraction of the training images left to right, for classes "
                    + "that stay what they are in a mirror, such as garments; not digits or letters "
                    + "(default: ${DEFAULT-VALUE}).")
    void mirror(double value) {
        hyperParameters.mirror(value);
    }

    @Option(
            names = "--label-smoothing",
            order = 12,
            paramLabel = "EPSILON",
            description =
                    "Train toward 1 - EPSILON + EPSILON/K for the true class and EPSILON/K for the others (K classes) "
                            + "instead of 1 and 0. The training loss then cannot fall to 0 (its least is 0.50 at 0.1); "
                            + "validation and test losses are measured against the true digit alone (default: "
                            + "${DEFAULT-VALUE}).")
    void labelSmoothing(double value) {
        hyperParameters.labelSmoothing(value);
    }

    @Option(
            names = "--schedule",
            order = 13,
            paramLabel = "KIND",
            description = "How the learning rate falls: cosine (half a cosine over --epochs, from --lr to 2%% of "
                    + "it; a run trained longer with --resume keeps the last epoch's rate) or exponential (× --gamma "
                    + "after every epoch) (default: ${DEFAULT-VALUE}).")
    void schedule(String value) {
        hyperParameters.schedule(value);
    }
}
