package lenet.core;

import java.io.OutputStream;
import java.io.PrintStream;
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
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = loaded(env);
        Object blas = env.get("blas.vendor");
        return blas == null ? backend : backend + " (" + blas + ")";
    }

    /** The backend ND4J loaded, as ND4J names it ({@code CPU}, {@code CUDA}). Touches ND4J. */
    public static String loaded() {
        return loaded(Nd4j.getExecutioner().getEnvironmentInformation());
    }

    private static String loaded(Properties env) {
        return String.valueOf(
                env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
    }
}
