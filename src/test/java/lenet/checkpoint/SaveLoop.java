package lenet.checkpoint;

import java.nio.file.Path;
import lenet.model.HyperParameters;
import lenet.model.LeNet5;
import lenet.training.TrainOptions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * For {@link CrashSafetyTest}, run in a child JVM: saves a checkpoint to {@code args[0]} over and over, the
 * metadata's epoch counting up from {@code args[1]}, and prints "saved N" after each save is complete.
 */
public final class SaveLoop {
    private SaveLoop() {}

    public static void main(String[] args) {
        Path target = Path.of(args[0]);
        int epoch = Integer.parseInt(args[1]);
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(1, 0.002, 0.7));
        network.init();
        TrainOptions options = new TrainOptions(
                HyperParameters.plain()
                        .epochs(1)
                        .learningRate(0.002)
                        .seed(1)
                        .valSize(0)
                        .build(),
                target.getParent(),
                target);
        for (; ; epoch++) {
            Checkpoints.save(
                    network, CheckpointMetadata.of(options.hyperParameters(), epoch, null, null, null), target);
            System.out.println("saved " + epoch);
            System.out.flush();
        }
    }
}
