package lenet.api;

import java.nio.file.Path;

/**
 * A finished {@link Training} run.
 *
 * @param model        the model written, to open with {@link Recognizer#open(Path)}
 * @param testAccuracy that model's accuracy on the dataset's test images, 0 to 1
 * @param testImages   how many test images
 * @param epochs       epochs trained
 * @param bestEpoch    the epoch whose model was written (the best by validation accuracy, else the last)
 */
public record TrainingResult(Path model, double testAccuracy, int testImages, int epochs, int bestEpoch) {}
