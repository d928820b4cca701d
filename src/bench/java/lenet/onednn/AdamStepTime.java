package lenet.onednn;

import java.util.Arrays;
import java.util.Locale;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * How long {@link AdamStep} takes on LeNet-5's 61,706 parameters, alone (TrainingStep can only see it as the difference
 * of two noisy figures): rounds of 2,000 steps, the median round. In this package because the step is not public.
 *
 * <p>Run: {@code java -cp "target/lenet.jar:target/test-classes:$(cat target/test-classpath.txt)"
 * lenet.onednn.AdamStepTime}
 */
public final class AdamStepTime {
    public static void main(String[] args) {
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(42, 0.004, 0.7));
        network.init();
        AdamStep step = AdamStep.of(network);
        network.getFlattenedGradients().assign(1e-3);
        double[] rounds = new double[7];
        for (int round = -1; round < rounds.length; round++) { // round -1 warms up
            long start = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                step.apply(
                        network.params(),
                        network.getFlattenedGradients(),
                        network.getUpdater().getStateViewArray(),
                        i,
                        0,
                        128);
            }
            if (round >= 0) {
                rounds[round] = (System.nanoTime() - start) / 1e6 / 2_000;
            }
        }
        Arrays.sort(rounds);
        System.out.printf(Locale.ROOT, "{\"adam_ms\":%.4f}%n", rounds[rounds.length / 2]);
    }
}
