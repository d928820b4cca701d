package lenet.core;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Threads for ND4J's native ops (OpenMP, which oneDNN's convolutions also use), set before the work starts. BLAS
 * gets one thread: it only multiplies LeNet's small dense layers, and OpenBLAS's own threads spinning beside
 * OpenMP's cost more in system time than they gain (src/site/markdown/performance.md). ND4J's
 * {@code Environment.setMaxThreads} is not used: on this release it leaves the count unchanged.
 */
public final class Threads {
    public static final int BLAS_THREADS = 1;

    /** Whether the user chose the number of threads ({@code --threads}). */
    private static volatile boolean chosen;

    private Threads() {}

    /** Cores the JVM may use (respects container and affinity limits), not the host's. */
    public static int available() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param threads OpenMP threads for ND4J's ops
     * @param chosen  whether the user chose them, so that {@link #sharedAmong} leaves them alone
     */
    public static void apply(int threads, boolean chosen) {
        Threads.chosen = chosen;
        set(threads);
    }

    /**
     * Runs {@code work} with the cores shared out among {@code workers} model replicas training side by side (unless
     * the user chose the threads), and sets the threads back afterwards.
     */
    public static void sharedAmong(int workers, Runnable work) {
        if (workers <= 1 || chosen) {
            work.run();
            return;
        }
        int before = nd4j();
        int blasBefore = blas();
        set(Math.max(1, available() / workers), BLAS_THREADS);
        try {
            work.run();
        } finally {
            set(before, blasBefore);
        }
    }

    private static void set(int threads) {
        set(threads, BLAS_THREADS);
    }

    private static void set(int threads, int blasThreads) {
        Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(blasThreads);
    }

    /** The OpenMP threads ND4J's native ops use now. */
    public static int nd4j() {
        Nd4j.getExecutioner();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /** The threads BLAS uses now. */
    public static int blas() {
        return Nd4j.factory().blas().getMaxThreads();
    }
}
