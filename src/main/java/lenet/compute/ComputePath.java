package lenet.compute;

import java.util.Locale;
import java.util.function.Supplier;
import lenet.core.Backend;
import lenet.core.LenetException;
import lenet.onednn.Dl4jHelpers;
import lenet.onednn.OneDnnNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which code computes LeNet-5's passes. {@link #choose} is the one place that decides, from the backend ND4J loaded,
 * the number of workers and the system property {@value #PROPERTY} ({@code auto}, the default, or a path's
 * {@link #id()}); every training step and every prediction goes through the path it returns.
 */
public enum ComputePath {
    /** LeNet-5's passes on lenet's own chain of oneDNN primitives ({@link OneDnnNetwork}): the CPU's default. */
    LENET_ONEDNN("lenet-onednn", "LeNet-5 on lenet's own oneDNN primitives"),
    /** DL4J's layers, with convolution and pooling on DL4J's oneDNN helpers: {@code --workers} 2 and more. */
    DL4J_ONEDNN("dl4j-onednn", "DL4J's layers with its oneDNN helpers"),
    /** DL4J's own layers, its oneDNN helpers off: for comparison, and where oneDNN is not built in. */
    DL4J("dl4j", "DL4J's own layers, without oneDNN"),
    /** DL4J's layers on the CUDA backend. */
    CUDA("cuda", "DL4J's layers on the CUDA backend");

    /** The system property that asks for a path: {@code auto} or an {@link #id()}. */
    public static final String PROPERTY = "lenet.compute";

    private final String id;
    private final String description;

    ComputePath(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name {@code --json} output and {@value #PROPERTY} use, such as {@code lenet-onednn}. */
    public String id() {
        return id;
    }

    /** What the path of that id is, in a few words. */
    public static String describe(String id) {
        for (ComputePath path : values()) {
            if (path.id.equals(id)) {
                return path.description;
            }
        }
        return id;
    }

    /** What it is, in a few words, as {@code lenet info} shows it. */
    public String description() {
        return description;
    }

    /** Whether oneDNN's kernels compute on this path (so that the kernels oneDNN chose for the CPU matter). */
    public boolean usesOneDnn() {
        return this == LENET_ONEDNN || this == DL4J_ONEDNN;
    }

    /**
     * The path chosen, and why it is not the first choice (null when it is).
     *
     * @param fallback one line: the path asked for (or auto's first choice), why it cannot run, and the path that
     *                 runs instead; {@code lenet info} shows it
     * @param named    whether the user named the path ({@value #PROPERTY}); {@code auto} takes what runs here
     */
    public record Choice(ComputePath path, String fallback, boolean named) {
        /**
         * The warning for the user: a path asked for by name that cannot run. {@code auto} falls back without one
         * (where oneDNN is not built, as on macOS arm64, every command would warn); {@code lenet info} says why.
         */
        public String warning() {
            return named ? fallback : null;
        }
    }

    /** The path for inference (eval, predict, serve, and validation during training): one worker. */
    public static Choice forInference() {
        String requested = System.getProperty(PROPERTY, "auto");
        Choice choice = inference;
        if (choice == null || !requested.equals(inferenceAsked)) { // asked for every batch: decided once
            choice = choose(1);
            inference = choice;
            inferenceAsked = requested;
        }
        return choice;
    }

    private static volatile Choice inference;
    private static volatile String inferenceAsked;

    /** The path for {@code workers} model replicas, in this process. */
    public static Choice choose(int workers) {
        return choose(
                System.getProperty(PROPERTY, "auto"),
                Backend.cpuLoaded(),
                workers,
                OneDnnNetwork::unavailableBecause,
                Dl4jHelpers::unavailableBecause);
    }

    /**
     * The decision itself, from what it depends on.
     *
     * @param requested        {@code auto} or a path's id
     * @param cpu              whether ND4J loaded its CPU backend (else CUDA)
     * @param lenetUnavailable why lenet's oneDNN network cannot run, or null
     * @param helpersUnavailable why DL4J's oneDNN helpers cannot run, or null
     */
    static Choice choose(
            String requested,
            boolean cpu,
            int workers,
            Supplier<String> lenetUnavailable,
            Supplier<String> helpersUnavailable) {
        ComputePath asked = parse(requested);
        boolean named = asked != null;
        if (!cpu) {
            return asked == null || asked == CUDA
                    ? new Choice(CUDA, null, named)
                    : new Choice(CUDA, asked.id + " runs on the CPU backend only; the CUDA backend is loaded", named);
        }
        ComputePath first = asked != null ? asked : workers > 1 ? DL4J_ONEDNN : LENET_ONEDNN;
        ComputePath path = first;
        String why = null;
        if (path == CUDA) {
            why = "the CPU backend is loaded, not CUDA";
            path = LENET_ONEDNN;
        }
        if (path == LENET_ONEDNN && workers > 1) {
            why = "--workers " + workers + " trains replicas of DL4J's layers (ParallelWrapper)";
            path = DL4J_ONEDNN;
        }
        if (path == LENET_ONEDNN && lenetUnavailable.get() != null) {
            why = lenetUnavailable.get();
            path = DL4J_ONEDNN;
        }
        if (path == DL4J_ONEDNN && helpersUnavailable.get() != null) {
            why = (why == null ? "" : why + ", and ") + helpersUnavailable.get();
            path = DL4J;
        }
        return why == null
                ? new Choice(path, null, named)
                : new Choice(
                        path,
                        first.id + " cannot run: " + why + "; computing with " + path.id + " (" + path.description
                                + ") instead",
                        named);
    }

    /** {@code auto} (null) or the path named; anything else is bad input. */
    private static ComputePath parse(String requested) {
        String name = requested.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("auto")) {
            return null;
        }
        for (ComputePath path : values()) {
            if (path.id.equals(name)) {
                return path;
            }
        }
        throw LenetException.badInput("-D" + PROPERTY + "=" + requested + ": no such compute path; choose auto, "
                + "lenet-onednn, dl4j-onednn, dl4j or cuda");
    }

    /**
     * Makes DL4J's layers, built from now on, use its oneDNN helpers or not as {@value #PROPERTY} asks: off for
     * {@code dl4j}, on otherwise (on the CPU). Runs before any network is built or restored.
     */
    public static void prepareLayers() {
        String requested = System.getProperty(PROPERTY, "auto");
        if (parse(requested) == DL4J) {
            Dl4jHelpers.disable();
        } else {
            Dl4jHelpers.enable();
        }
    }

    /** The network that trains on this path: for lenet's oneDNN path a view of it that steps on oneDNN. */
    public MultiLayerNetwork forTraining(MultiLayerNetwork network) {
        return this == LENET_ONEDNN ? OneDnnNetwork.of(network) : network;
    }

    /**
     * Frees a network that is used no more: its arrays off the Java heap (ND4J's), at once, and the oneDNN chains that
     * ran it; the network is not used after it.
     */
    public static void release(MultiLayerNetwork network) {
        OneDnnNetwork.release(network);
        network.close();
    }

    /** The softmax output of a LeNet-5 network for {@code features} (n × 784, or n × 1 × 28 × 28). */
    public INDArray output(MultiLayerNetwork network, INDArray features) {
        return this == LENET_ONEDNN ? OneDnnNetwork.output(network, features) : network.output(features, false);
    }
}
