package lenet.checkpoint;

import java.nio.file.Path;
import lenet.model.Classes;
import lenet.testing.TestModel;
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
        MultiLayerNetwork network = TestModel.untrainedNetwork();
        for (; ; epoch++) {
            Checkpoints.save(
                    network,
                    CheckpointMetadata.of(TestModel.UNTRAINED, Classes.MNIST, epoch, null, null, null),
                    target);
            System.out.println("saved " + epoch);
            System.out.flush();
        }
    }
}
