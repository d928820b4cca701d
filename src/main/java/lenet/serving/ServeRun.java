package lenet.serving;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import lenet.core.Backend;
import lenet.core.FileNames;
import lenet.core.LenetHome;
import lenet.core.NativeMemory;
import lenet.core.StopSignal;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.inference.Normalize;

/** {@code lenet serve}: loads the model once, serves until Ctrl-C or SIGTERM, then drains and stops. */
public final class ServeRun {

    /** Told what the server does. */
    public interface Listener {
        void listening(URI address, String model, String backend, ServeSettings settings);

        /** The first Ctrl-C or SIGTERM arrived: no new connections; {@code inFlight} requests are being answered. */
        void stopping(long inFlight);

        void stopped();

        /** An ONNX model's answers to a drawn 0 look scaled otherwise than it expects ({@link lenet.inference.ScalingCheck}). */
        default void warning(String line) {}
    }

    private ServeRun() {}

    /**
     * @param normalize {@code --normalize} or {@code --input-range 255} for an ONNX model, or null
     * @param name      the model's name in the protocols' paths ({@code serve --name}), or null for the model file's
     *                  base name
     * @return the exit code: 130 after Ctrl-C, 143 after SIGTERM
     */
    public static int run(Path model, Normalize normalize, String name, ServeSettings settings, Listener listener) {
        try (Classifier classifier = Classifiers.load(model, normalize)) {
            return run(model, classifier, name == null ? modelName(model) : name, settings, listener);
        }
    }

    /**
     * How often a running server gives the C heap's free memory back to the operating system: without it glibc keeps
     * what a long mixed load freed, and the resident size crept up by a fifth in ten minutes (reliability.md).
     */
    static final Duration TRIM_EVERY = Duration.ofSeconds(30);

    /** {@code lenet} for {@code models/lenet.zip}, {@code fashion-mnist} for {@code fashion-mnist.zip}. */
    public static String modelName(Path model) {
        return FileNames.stem(model);
    }

    private static int run(Path model, Classifier classifier, String name, ServeSettings settings, Listener listener) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "ok");
        health.put("model", LenetHome.display(model));
        health.put(
                "backend",
                Classifiers.ONNX_RUNTIME.equals(classifier.runtime()) ? "ONNX Runtime (CPU)" : Backend.describe());
        health.put("dataset", classifier.classes().dataset());
        health.put("classes", classifier.classes().names());
        health.put("name", name);
        String warning = WarmUp.scalingWarning(model, classifier);
        if (warning != null) {
            listener.warning(warning);
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        try (StopSignal stop = StopSignal.install(stopRequested::countDown)) {
            DigitServer server = DigitServer.start(classifier, name, health, settings);
            NativeMemory.Trimming trimming = NativeMemory.trimEvery(TRIM_EVERY);
            try {
                listener.listening(
                        server.address(), (String) health.get("model"), (String) health.get("backend"), settings);
                stopRequested.await();
                listener.stopping(server.inFlight());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                trimming.close();
                server.close();
            }
            listener.stopped();
            return stop.exitCode();
        }
    }
}
