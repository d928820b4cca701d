package lenet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.Checkpoints;
import lenet.core.StopSignal;
import lenet.model.Classes;
import lenet.model.HyperParameters;
import lenet.model.LeNet5;
import lenet.training.TrainOptions;
import lenet.training.Trainer;
import lenet.training.TrainingListener;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** One model trained per test run on a subset of MNIST, shared by the tests that need a working model. */
public final class TestModel {
    /** All 55,000 training images for two epochs: about 98.5% on the MNIST test set, in about two minutes. */
    public static final int EPOCHS = 2;

    public static final long SEED = 42;

    private static Path model;
    private static double testAccuracy;

    private TestModel() {}

    /** The recipe of the shared model, with another seed where {@code TestModelSpread} measures its spread. */
    public static TrainOptions options(long seed, Path output) {
        return new TrainOptions(
                HyperParameters.plain()
                        .epochs(EPOCHS)
                        .batchSize(64)
                        .learningRate(0.001)
                        .shift(1)
                        .seed(seed)
                        .valSize(5_000)
                        .build(),
                MnistImages.shippedSource(),
                output);
    }

    public static synchronized Path path() {
        if (model == null) {
            try {
                Path dir = Files.createTempDirectory("lenet-test-model");
                Path output = dir.resolve("lenet.zip");
                testAccuracy = Trainer.train(options(SEED, output), null, new TrainingListener() {}, StopSignal.none())
                        .testAccuracy();
                model = output;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }

    /** The hyper-parameters an untrained checkpoint records. */
    public static final HyperParameters UNTRAINED = HyperParameters.plain()
            .epochs(1)
            .learningRate(0.002)
            .seed(1)
            .valSize(0)
            .build();

    /** A LeNet-5 with its initial weights. */
    public static MultiLayerNetwork untrainedNetwork() {
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(1, 0.002, 0.7));
        network.init();
        return network;
    }

    /** Saves an untrained LeNet-5 as a lenet checkpoint at {@code target}: a valid file in a second. */
    public static Path untrained(Path target) {
        Checkpoints.save(
                untrainedNetwork(), CheckpointMetadata.of(UNTRAINED, Classes.MNIST, 1, null, null, null), target);
        return target;
    }

    public static synchronized double testAccuracy() {
        path();
        return testAccuracy;
    }
}
