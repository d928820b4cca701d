package lenet.output;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import lenet.core.Json;
import lenet.serving.ServeRun;
import lenet.serving.ServeSettings;

/** The line that says where {@code lenet serve} listens (stdout), and what happens when it stops (stderr). */
public final class ServePrinter implements ServeRun.Listener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    public ServePrinter(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    @Override
    public void listening(URI address, String model, String backend, ServeSettings settings) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("listening", address.toString());
            line.put("model", model);
            line.put("backend", backend);
            line.put("batch_size", settings.maxBatch());
            line.put("batch_wait_ms", settings.batchWait().toNanos() / 1e6);
            out.println(Json.line(line));
        } else {
            out.println("lenet serve: listening on " + address + " (model " + model + ", " + backend + ")");
            out.println("Open it in a browser to draw a digit, or: curl -F image=@digit.png " + address + "predict");
        }
        out.flush();
        if (!loopback(settings.host())) {
            err.println("lenet serve: " + settings.host() + " is not a loopback address: other machines can reach "
                    + "this server (there is no authentication)");
        }
        err.println("Ctrl-C stops it.");
        err.flush();
    }

    @Override
    public void warning(String line) {
        err.println("lenet: warning: " + line);
        err.flush();
    }

    @Override
    public void stopping(long inFlight) {
        err.println("lenet serve: stopping: no new connections; answering " + inFlight + " request"
                + (inFlight == 1 ? "" : "s") + " in flight (Ctrl-C again quits at once)");
        err.flush();
    }

    @Override
    public void stopped() {
        err.println("lenet serve: stopped");
        err.flush();
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
