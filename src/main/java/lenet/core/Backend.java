package lenet.core;

import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** What ND4J actually loaded, read back from its environment information (it may fall back silently). */
public final class Backend {
    private Backend() {
    }

    /** For example {@code CPU (OPENBLAS)}. Touches ND4J, which loads its backend on first use. */
    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = String.valueOf(env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
        Object blas = env.get("blas.vendor");
        return blas == null ? backend : backend + " (" + blas + ")";
    }
}
