package lenet.core;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * One thread count for ND4J's native ops (OpenMP) and for BLAS, set before the work starts. ND4J's
 * {@code Environment.setMaxThreads} is not used: on this release it leaves the count unchanged.
 */
public final class Threads {
    private Threads() {
    }

    /** Cores the JVM may use (respects container and affinity limits), not the host's. */
    public static int available() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static void apply(int threads) {
        Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
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
