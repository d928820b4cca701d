package lenet.training;

import java.nio.file.Path;
import java.util.List;
import lenet.compute.ComputePath;
import lenet.model.EpochMetrics;

/**
 * @param epochs       per-epoch results
 * @param bestEpoch    epoch of the model written to {@code model}
 * @param testAccuracy accuracy of that model on the test images, 0..1
 * @param images       the images' name: {@code MNIST}, {@code Fashion-MNIST}, a folder's
 * @param testImages   how many test images
 * @param model        the best model's file
 * @param lastModel    the last epoch's model (with updater state)
 * @param stoppedEarly whether {@code --patience} ended the run before its last epoch
 * @param to99         when validation accuracy first reached 99%
 * @param computePath  the code that trained the model
 */
public record TrainResult(
        List<EpochMetrics> epochs,
        int bestEpoch,
        double testAccuracy,
        String images,
        int testImages,
        Path model,
        Path lastModel,
        boolean stoppedEarly,
        TimeToAccuracy to99,
        ComputePath computePath) {}
