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

    private Threads() {}

    /** Cores the JVM may use (respects container and affinity limits), not the host's. */
    public static int available() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static void apply(int threads) {
        Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(BLAS_THREADS);
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
