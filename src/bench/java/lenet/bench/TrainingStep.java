package lenet.bench;

import java.util.Locale;
import lenet.compute.ComputePath;
import lenet.data.Augmentation;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.data.Distortion;
import lenet.data.FlaggedOnes;
import lenet.data.LabelSmoothing;
import lenet.data.RandomShift;
import lenet.data.ShuffledBatches;
import lenet.model.HyperParameters;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Where one training step's time goes, part by part, on lenet's training path: taking the batch
 * ({@link ShuffledBatches#next}), augmenting it (the old recipe's whole-pixel shift, or the default distortions,
 * flagged 1s and label smoothing), the forward and backward passes with the loss ({@code computeGradientAndScore}),
 * and DL4J's Adam update with the rest of {@code fit} (the whole {@code fit} less a second
 * {@code computeGradientAndScore} on the same batch). Rounds alternate the parts; each part's median round counts.
 * Per-primitive times inside the passes come from {@code DNNL_VERBOSE=1}
 * ({@code src/bench/python/onednn_profile.py}).
 *
 * <p>Run: {@code java -cp "target/lenet.jar:target/test-classes:$(cat target/test-classpath.txt)"
 * lenet.bench.TrainingStep [STEPS [ROUNDS [BATCH]]]}, with {@code OMP_NUM_THREADS} and {@code GOMP_SPINCOUNT=1000}
 * as {@code ./lenet train} runs.
 */
public final class TrainingStep {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        HyperParameters hp = HyperParameters.defaults().withBatchSize(batchSize);
        DataSet all = DatasetFiles.read(Dataset.MNIST, DatasetFiles.ownFolder(Dataset.MNIST), true)
                .all();
        ShuffledBatches batches = new ShuffledBatches(all, batchSize, hp.seed());
        MultiLayerNetwork network = ComputePath.choose(1).path().forTraining(newNetwork(hp));
        DataSetPreProcessor shift = new RandomShift(hp.shift(), hp.seed());
        Augmentation distortion = Augmentation.chain(
                new FlaggedOnes(hp.flaggedOnes(), hp.seed()),
                new Distortion(
                        new Distortion.Spec(
                                hp.shift(), hp.rotation(), hp.scale(), hp.shear(), hp.elastic(), hp.thickness()),
                        hp.seed()));
        LabelSmoothing smoothing = new LabelSmoothing(hp.labelSmoothing());
        DataSetPreProcessor recipe = b -> {
            distortion.preProcess(b);
            smoothing.preProcess(b);
        };
        String[] parts = {"batch", "shift", "default augmentation", "forward+backward+loss", "fit (all of it)"};
        double[][] millis = new double[parts.length][rounds];
        for (int round = 0; round < rounds + 1; round++) { // round 0 warms up
            double[] t = new double[parts.length];
            for (int s = 0; s < steps; s++) {
                if (batches.complete()) {
                    batches.reset();
                }
                long a = System.nanoTime();
                DataSet batch = batches.next();
                long b = System.nanoTime();
                DataSet shifted = batch.copy();
                long c = System.nanoTime();
                shift.preProcess(shifted);
                long d = System.nanoTime();
                DataSet augmented = batch.copy();
                long e = System.nanoTime();
                recipe.preProcess(augmented);
                long f = System.nanoTime();
                network.setInput(shifted.getFeatures());
                network.setLabels(shifted.getLabels());
                network.computeGradientAndScore();
                long g = System.nanoTime();
                network.fit(shifted);
                long h = System.nanoTime();
                t[0] += b - a;
                t[1] += d - c;
                t[2] += f - e;
                t[3] += g - f;
                t[4] += h - g;
            }
            if (round > 0) {
                for (int p = 0; p < parts.length; p++) {
                    millis[p][round - 1] = t[p] / 1e6 / steps;
                }
            }
        }
        StringBuilder json = new StringBuilder("{\"batch_size\":" + batchSize + ",\"steps\":" + steps);
        for (int p = 0; p < parts.length; p++) {
            double[] m = millis[p].clone();
            java.util.Arrays.sort(m);
            double median = m[m.length / 2];
            System.err.printf(Locale.ROOT, "%-24s %.3f ms per step (rounds %s)%n", parts[p], median, fmt(millis[p]));
            json.append(String.format(Locale.ROOT, ",\"%s\":%.4f", parts[p].replaceAll("[^a-z]+", "_"), median));
        }
        System.out.println(json.append('}'));
    }

    private static String fmt(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return s.toString();
    }

    private static MultiLayerNetwork newNetwork(HyperParameters hp) {
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(hp, 10));
        network.init();
        return network;
    }
}
