package lenet.core;

import java.util.Locale;
import java.util.Map;

/**
 * Which ND4J backend to load: {@code --backend} (or the {@code LENET_BACKEND} environment variable) says
 * {@code auto}, {@code cpu} or {@code gpu}. ND4J decides once per process, when it is first touched, from the
 * {@code BACKEND_PRIORITY_CPU}/{@code BACKEND_PRIORITY_GPU} environment variables and from which backends are on the
 * classpath; a process can only change its environment by starting again. So {@link #relaunchEnvironment} says
 * when the JVM must be started again with other priorities, and {@link #verify} checks afterwards what ND4J
 * actually loaded, because a CUDA backend that cannot start falls back to the CPU silently.
 */
public final class BackendChoice {
    public static final String ENV = "LENET_BACKEND";
    static final String CPU_PRIORITY = "BACKEND_PRIORITY_CPU";
    static final String GPU_PRIORITY = "BACKEND_PRIORITY_GPU";
    /** ND4J's default priority of the CUDA backend; the CPU backend's is 0. */
    static final int DEFAULT_GPU_PRIORITY = 100;

    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    public enum Requested {
        AUTO,
        CPU,
        GPU
    }

    private BackendChoice() {}

    /** The flag when given, else {@code LENET_BACKEND}, else auto. */
    public static Requested requested(Requested flag, Map<String, String> env) {
        if (flag != null) {
            return flag;
        }
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            return Requested.AUTO;
        }
        try {
            return Requested.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LenetException.badInput(ENV + "=" + value + ": not a backend (expected auto, cpu or gpu)");
        }
    }

    /**
     * The value of {@code --backend} in raw arguments (it may stand anywhere, before or after the command), for
     * deciding on a relaunch before anything else runs; null when absent or not a backend name (the command line
     * reports that itself).
     */
    public static Requested flagIn(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--")) {
                break;
            } else if (args[i].equals("--backend") && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith("--backend=")) {
                value = args[i].substring("--backend=".length());
            }
            if (value != null) {
                try {
                    return Requested.valueOf(value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Whether this build has the CUDA backend ({@code mvn -Pcuda}). Does not load it. */
    public static boolean cudaOnClasspath() {
        return BackendChoice.class.getClassLoader().getResource(CUDA_BACKEND_CLASS.replace('.', '/') + ".class")
                != null;
    }

    /**
     * The environment variables to start the JVM again with, or null when this process can load the requested
     * backend as it is. Only a build with both backends ever needs a new JVM.
     */
    public static Map<String, String> relaunchEnvironment(Requested requested, boolean cuda, Map<String, String> env) {
        if (!cuda || requested == Requested.AUTO) {
            return null;
        }
        int cpu = priority(env, CPU_PRIORITY, 0);
        int gpu = priority(env, GPU_PRIORITY, DEFAULT_GPU_PRIORITY);
        if (requested == Requested.CPU && cpu <= gpu) {
            return Map.of(CPU_PRIORITY, Integer.toString(gpu + 1000));
        }
        if (requested == Requested.GPU && gpu <= cpu) {
            return Map.of(GPU_PRIORITY, Integer.toString(cpu + 1000));
        }
        return null;
    }

    /** Fails before ND4J is touched when the request cannot be met by this build. */
    public static void checkBuild(Requested requested, boolean cuda) {
        if (requested == Requested.GPU && !cuda) {
            throw LenetException.badInput("--backend gpu: this lenet build has no CUDA backend (build it with "
                    + "mvn -Pcuda package; see README, Backends)");
        }
    }

    /** Fails when ND4J loaded another backend than the one requested (the CUDA backend falls back silently). */
    public static void verify(Requested requested, String loadedBackend) {
        boolean gpuLoaded = Backend.isCuda(loadedBackend);
        if (requested == Requested.GPU && !gpuLoaded) {
            throw LenetException.badInput("--backend gpu: the CUDA backend could not start and ND4J fell back to "
                    + loadedBackend + " (needs an NVIDIA driver for CUDA 11.6, cuDNN 8.3 and a GPU of compute "
                    + "capability 3.7 to 8.6; run with --verbose for ND4J's reason)");
        }
        if (requested == Requested.CPU && gpuLoaded) {
            throw LenetException.badInput("--backend cpu: ND4J loaded " + loadedBackend + " instead; unset "
                    + GPU_PRIORITY + " or set " + CPU_PRIORITY + " above it");
        }
    }

    private static int priority(Map<String, String> env, String name, int fallback) {
        try {
            String value = env.get(name);
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
