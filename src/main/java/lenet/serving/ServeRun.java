package lenet.serving;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import lenet.checkpoint.Checkpoints;
import lenet.core.Backend;
import lenet.core.LenetHome;
import lenet.core.StopSignal;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** {@code lenet serve}: loads the model once, serves until Ctrl-C or SIGTERM, then drains and stops. */
public final class ServeRun {

    /** Told what the server does. */
    public interface Listener {
        void listening(URI address, String model, String backend, ServeSettings settings);

        /** The first Ctrl-C or SIGTERM arrived: no new connections; {@code inFlight} requests are being answered. */
        void stopping(long inFlight);

        void stopped();
    }

    private ServeRun() {}

    /** @return the exit code: 130 after Ctrl-C, 143 after SIGTERM */
    public static int run(Path model, ServeSettings settings, Listener listener) {
        MultiLayerNetwork network = Checkpoints.load(model, false).network();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "ok");
        health.put("model", LenetHome.display(model));
        health.put("backend", Backend.describe());
        CountDownLatch stopRequested = new CountDownLatch(1);
        try (StopSignal stop = StopSignal.install(stopRequested::countDown)) {
            DigitServer server = DigitServer.start(network, health, settings);
            try {
                listener.listening(
                        server.address(), (String) health.get("model"), (String) health.get("backend"), settings);
                stopRequested.await();
                listener.stopping(server.inFlight());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                server.close();
            }
            listener.stopped();
            return stop.exitCode();
        }
    }
}
