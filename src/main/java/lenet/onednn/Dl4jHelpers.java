package lenet.onednn;

import lenet.core.Backend;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Puts DL4J's oneDNN layer helpers to work on the CPU backend. lenet ships ND4J's oneDNN native build; with the
 * helpers, convolution and pooling run as oneDNN primitives instead of DL4J's im2col into a strided view, which
 * took most of the training time (src/site/markdown/performance.md). In DL4J 1.0.0-M2.1 two things keep them off:
 * <ul>
 *   <li>the system property {@value DL4JSystemProperties#DISABLE_HELPER_PROPERTY} defaults to {@code true}, so
 *       {@link #enable()} sets it to {@code false} unless the user set it (to compare, say);</li>
 *   <li>the availability check looks up a class ND4J renamed: {@link org.nd4j.nativeblas.Nd4jCpu} answers it.</li>
 * </ul>
 * Layers read the property when they are built, so {@link #enable()} must run before a network is created or
 * restored. Weights, checkpoints and results on other backends are unaffected.
 */
public final class Dl4jHelpers {
    public static final String DISABLE_PROPERTY = DL4JSystemProperties.DISABLE_HELPER_PROPERTY;

    private Dl4jHelpers() {}

    /** Turns the helpers on for networks built from now on, on the CPU backend, unless the user said otherwise. */
    public static void enable() {
        if (System.getProperty(DISABLE_PROPERTY) == null && isCpuBackend()) {
            System.setProperty(DISABLE_PROPERTY, "false");
        }
    }

    /** Turns the helpers off for networks built from now on ({@code -Dlenet.compute=dl4j}). */
    public static void disable() {
        System.setProperty(DISABLE_PROPERTY, "true");
    }

    /**
     * Whether networks lenet builds convolve through oneDNN: the CPU backend is loaded, its native library was built
     * with oneDNN and allows it, and the helpers are not turned off.
     */
    public static boolean available() {
        return unavailableBecause() == null;
    }

    /** Why DL4J's layers do not use the oneDNN helpers, or null if they do. */
    public static String unavailableBecause() {
        if (!isCpuBackend()) {
            return "DL4J's oneDNN helpers run on the CPU backend only";
        }
        if (!NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN")
                || !org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN()) {
            return "ND4J's CPU library here is built without oneDNN";
        }
        if ("true".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
            return "DL4J's helpers are turned off (-D" + DISABLE_PROPERTY + "=true)";
        }
        return null;
    }

    private static boolean isCpuBackend() {
        return Backend.cpuLoaded();
    }
}
