package lenet.bench;

import java.util.Locale;
import java.util.stream.IntStream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;

/**
 * The machine's two ceilings for performance.md's roofline: the compute ceiling, oneDNN's own sgemm (the JIT kernels
 * lenet's convolutions come from) on large square matrices with {@code OMP_NUM_THREADS} threads, and the memory
 * ceiling, STREAM's triad {@code a[i] = b[i] + s·c[i]} over arrays far larger than the caches, on as many Java
 * threads. Each is the best of several runs (a ceiling, not a typical figure). Prints one JSON line.
 *
 * <p>Run: {@code OMP_NUM_THREADS=2 java -cp "target/lenet.jar:target/test-classes:$(cat target/test-classpath.txt)"
 * lenet.bench.Roofline [THREADS]}
 */
public final class Roofline {
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Loader.load(dnnl.class);
        int n = 2048;
        double sgemm = 0;
        try (FloatPointer a = new FloatPointer((long) n * n);
                FloatPointer b = new FloatPointer((long) n * n);
                FloatPointer c = new FloatPointer((long) n * n)) {
            for (long i = 0; i < (long) n * n; i++) {
                a.put(i, (i % 7) * 0.1f);
                b.put(i, (i % 5) * 0.1f);
            }
            for (int run = 0; run < 8; run++) {
                long start = System.nanoTime();
                dnnl.dnnl_sgemm((byte) 'N', (byte) 'N', n, n, n, 1f, a, n, b, n, 0f, c, n);
                double seconds = (System.nanoTime() - start) / 1e9;
                sgemm = Math.max(sgemm, 2.0 * n * n * n / seconds / 1e9);
            }
        }
        int length = 1 << 25; // 32 M floats, 128 MB an array
        float[] x = new float[length], y = new float[length], z = new float[length];
        IntStream.range(0, length).parallel().forEach(i -> {
            y[i] = i;
            z[i] = 2;
        });
        double triad = 0;
        int chunk = length / threads;
        for (int run = 0; run < 10; run++) {
            long start = System.nanoTime();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int from = t * chunk, to = t == threads - 1 ? length : from + chunk;
                workers[t] = new Thread(() -> {
                    for (int i = from; i < to; i++) {
                        x[i] = y[i] + 3f * z[i];
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            triad = Math.max(triad, 3.0 * 4 * length / seconds / 1e9); // two arrays read, one written
        }
        System.out.printf(
                Locale.ROOT,
                "{\"threads\":%d,\"sgemm_n\":%d,\"sgemm_gflops\":%.1f,\"triad_gb_per_s\":%.1f,\"check\":%.1f}%n",
                threads,
                n,
                sgemm,
                triad,
                x[length - 1]);
    }
}
