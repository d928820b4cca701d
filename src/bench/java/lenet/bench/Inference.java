package lenet.bench;

import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.core.NativeMemory;
import lenet.core.Threads;
import lenet.data.MnistData;
import lenet.onednn.OneDnnNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * lenet's side of the benchmark's inference measurement, the counterpart of {@code lenet_peer.py infer}: loads a
 * checkpoint as {@code lenet eval} does, then times the network on MNIST's test images one at a time and in large
 * batches, each after a warm-up (a count of 0 skips that part). Prints one JSON object.
 *
 * <p>Usage: {@code Inference MODEL DATA_DIR THREADS [SINGLE] [BATCH] [PASSES]}
 */
public final class Inference {
    private Inference() {}

    public static void main(String[] args) {
        Path model = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        int single = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int passes = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        NativeMemory.configure(); // as the CLI does, before ND4J loads
        Threads.apply(threads, true);
        MultiLayerNetwork network = Checkpoints.load(model, false).network();
        INDArray x = MnistData.test(data).getFeatures();
        long n = x.size(0);

        if (single > 0) {
            for (int i = 0; i < 200; i++) { // warm-up
                OneDnnNetwork.output(network, row(x, i)).argMax(1);
            }
        }
        long start = System.nanoTime();
        for (int i = 0; i < single; i++) {
            OneDnnNetwork.output(network, row(x, i)).argMax(1);
        }
        double singlePerSecond = single == 0 ? 0 : single / ((System.nanoTime() - start) / 1e9);

        if (passes > 0) {
            OneDnnNetwork.output(network, rows(x, 0, batch)).argMax(1); // warm-up
        }
        start = System.nanoTime();
        long count = 0;
        for (int p = 0; p < passes; p++) {
            for (long i = 0; i < n; i += batch) {
                INDArray b = rows(x, i, Math.min(n, i + batch));
                OneDnnNetwork.output(network, b).argMax(1);
                count += b.size(0);
            }
        }
        double largePerSecond = count == 0 ? 0 : count / ((System.nanoTime() - start) / 1e9);
        System.out.printf(
                "{\"batch1_images_per_second\": %.1f, \"batch_large\": %d, "
                        + "\"batch_large_images_per_second\": %.1f, \"threads\": %d}%n",
                singlePerSecond, batch, largePerSecond, threads);
    }

    private static INDArray row(INDArray x, long i) {
        return rows(x, i, i + 1);
    }

    private static INDArray rows(INDArray x, long from, long to) {
        return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
