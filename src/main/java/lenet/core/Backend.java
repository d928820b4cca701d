package lenet.core;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** What ND4J actually loaded, read back from its environment information (it may fall back silently). */
public final class Backend {
    private Backend() {}

    /**
     * Runs {@code load}, the first use of ND4J, with stderr held back unless {@code verbose}: when CUDA is in the
     * build but cannot start, DL4J's CUDA backend prints a stack trace to stderr itself before ND4J falls back.
     * What was held back is dropped; {@code --verbose} shows it as it happens.
     */
    public static void loadQuietly(boolean verbose, Runnable load) {
        if (verbose) {
            load.run();
            return;
        }
        PrintStream original = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream(), true));
        try {
            load.run();
        } finally {
            System.setErr(original);
        }
    }

    /** For example {@code CPU (OPENBLAS)}. Touches ND4J, which loads its backend on first use. */
    public static String describe() {
        String blas = blasVendor();
        return blas == null ? loaded() : loaded() + " (" + blas + ")";
    }

    /** The backend ND4J loaded, as ND4J names it ({@code CPU}, {@code CUDA}). Touches ND4J. */
    public static String loaded() {
        return String.valueOf(environment()
                .getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
    }

    /** The BLAS library the backend uses ({@code OPENBLAS}, {@code CUBLAS}), or null if ND4J does not say. */
    public static String blasVendor() {
        Object blas = environment().get("blas.vendor");
        return blas == null ? null : blas.toString();
    }

    /** Whether ND4J loaded its CPU backend. Touches ND4J. */
    public static boolean cpuLoaded() {
        return "CPU".equalsIgnoreCase(loaded());
    }

    /** Whether a backend name, as {@link #loaded} or {@link #describe} give it, is ND4J's CUDA backend. */
    public static boolean isCuda(String backend) {
        return backend.toUpperCase(Locale.ROOT).contains("CUDA");
    }

    private static Properties environment() {
        return Nd4j.getExecutioner().getEnvironmentInformation();
    }
}
