package lenet.bench;

import java.nio.file.Path;
import lenet.core.FileNames;
import lenet.core.NativeMemory;
import lenet.core.Threads;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * lenet's side of the benchmark's inference measurement, the counterpart of {@code lenet_peer.py infer}: loads a
 * lenet model as {@code lenet eval} does, or an ONNX file into ONNX Runtime with the same threads ({@link OrtRun}),
 * then times it on MNIST's test images one at a time and in large batches, each after a warm-up (a count of 0 skips
 * that part). Each side is handed the images as it takes them (lenet: INDArray rows; ONNX Runtime: float arrays),
 * and each image's digit is ranked in Java as {@code predict} and {@code serve} rank it (Predictor), not with ND4J's
 * {@code argMax}: that op alone took 85 µs a call at batch 1, more than the network (performance.md). Prints one
 * JSON object, with the share of the images read right, so that no result goes unused.
 *
 * <p>Usage: {@code Inference MODEL DATA_DIR THREADS [SINGLE] [BATCH] [PASSES]}
 */
public final class Inference {
    /** Calls at batch 1 before the clock starts. */
    private static final int WARM_UP = 5000;

    private Inference() {}

    /** A model under measurement: the digits of test images {@code from} to {@code to}. */
    private interface Side extends AutoCloseable {
        int[] digits(int from, int to) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        int single = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int passes = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        NativeMemory.configure(); // as the CLI does, before ND4J loads
        Threads.apply(threads, true);
        DataSet test = DatasetFiles.read(Dataset.MNIST, data, false).all();
        INDArray x = test.getFeatures();
        int[] labels = test.getLabels().argMax(1).toIntVector();
        int n = (int) x.size(0);
        String runtime;
        Side side;
        if (FileNames.isOnnx(model)) {
            runtime = Classifiers.ONNX_RUNTIME;
            float[] images = x.dup('c').data().asFloat();
            OrtRun ort = new OrtRun(model, threads);
            side = new Side() {
                @Override
                public int[] digits(int from, int to) throws Exception {
                    return Inference.digits(ort.run(images, from * 784, to - from));
                }

                @Override
                public void close() throws Exception {
                    ort.close();
                }
            };
        } else {
            Classifier classifier = Classifiers.load(model, null);
            runtime = classifier.runtime();
            side = new Side() {
                @Override
                public int[] digits(int from, int to) {
                    INDArray rows = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                    INDArray p = classifier.probabilities(rows);
                    // read as it is when it can be: a dup is a native op, which wakes OpenMP's other threads
                    boolean plain =
                            p.ordering() == 'c' && p.offset() == 0 && p.data().length() == p.length();
                    return Inference.digits((plain ? p : p.dup('c')).data().asFloat());
                }

                @Override
                public void close() {
                    classifier.close();
                }
            };
        }

        long right = 0;
        if (single > 0) {
            // warm-up: long enough for the JIT to have compiled lenet's side (the first 2,000 calls ran 2× slower)
            for (int i = 0; i < WARM_UP; i++) {
                side.digits(i % n, i % n + 1);
            }
        }
        long start = System.nanoTime();
        for (int i = 0; i < single; i++) {
            right += side.digits(i, i + 1)[0] == labels[i] ? 1 : 0;
        }
        double singlePerSecond = single == 0 ? 0 : single / ((System.nanoTime() - start) / 1e9);

        if (passes > 0) {
            side.digits(0, batch); // warm-up
        }
        start = System.nanoTime();
        long count = 0;
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i += batch) {
                int[] digits = side.digits(i, Math.min(n, i + batch));
                for (int k = 0; k < digits.length; k++) {
                    right += digits[k] == labels[i + k] ? 1 : 0;
                }
                count += digits.length;
            }
        }
        double largePerSecond = count == 0 ? 0 : count / ((System.nanoTime() - start) / 1e9);
        side.close();
        System.out.printf(
                "{\"batch1_images_per_second\": %.1f, \"batch_large\": %d, "
                        + "\"batch_large_images_per_second\": %.1f, \"threads\": %d, \"runtime\": \"%s\", "
                        + "\"accuracy\": %.4f}%n",
                singlePerSecond, batch, largePerSecond, threads, runtime, right / (double) Math.max(1, single + count));
    }

    private static int[] digits(float[][] rows) {
        int[] digits = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            digits[i] = digit(rows[i], 0);
        }
        return digits;
    }

    /** The most probable digit of each row of {@code p} (n × 10, row-major). */
    private static int[] digits(float[] p) {
        int[] digits = new int[p.length / 10];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = digit(p, 10 * i);
        }
        return digits;
    }

    /** The most probable digit of the 10 probabilities at {@code offset} of {@code p}. */
    static int digit(float[] p, int offset) {
        int best = 0;
        for (int d = 1; d < 10; d++) {
            if (p[offset + d] > p[offset + best]) {
                best = d;
            }
        }
        return best;
    }
}
