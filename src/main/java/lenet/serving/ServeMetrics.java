package lenet.serving;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/** What {@code GET /metrics} reports, in Prometheus's text format; every name starts with {@code lenet_}. */
final class ServeMetrics {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** The routes counted by name; any other path is counted as "other", so no client can grow the label set. */
    private static final Set<String> ROUTES =
            Set.of("/", "/predict", "/health", "/metrics", "/v2", "/v2/health/live", "/v2/health/ready", "/ping");

    /** Paths with a model's name or version in them, each counted under its pattern, never its raw path. */
    private static final Map<Pattern, String> PATTERNS = patterns(
            "/v2/models/[^/]+(/versions/[^/]+)?", "/v2/models/{name}",
            "/v2/models/[^/]+(/versions/[^/]+)?/ready", "/v2/models/{name}/ready",
            "/v2/models/[^/]+(/versions/[^/]+)?/infer", "/v2/models/{name}/infer",
            "/predictions/[^/]+(/[^/]+)?", "/predictions/{name}");

    private static Map<Pattern, String> patterns(String... pairs) {
        Map<Pattern, String> patterns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            patterns.put(Pattern.compile(pairs[i]), pairs[i + 1]);
        }
        return patterns;
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder()
            .name("lenet_requests")
            .help("HTTP requests answered, by route and status code")
            .labelNames("route", "code")
            .withoutExemplars()
            .register(registry);
    private final Histogram latency = Histogram.builder()
            .name("lenet_request_duration_seconds")
            .help("Time from a request's arrival to its answer, by route")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5)
            .withoutExemplars()
            .register(registry);
    private final Histogram batchSizes = Histogram.builder()
            .name("lenet_batch_size")
            .help("Images classified together in one forward pass")
            .classicOnly()
            .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
            .withoutExemplars()
            .register(registry);

    ServeMetrics(IntSupplier queued, IntSupplier inFlight) {
        GaugeWithCallback.builder()
                .name("lenet_queue_depth")
                .help("Images waiting to be classified")
                .callback(callback -> callback.call(queued.getAsInt()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("lenet_requests_in_flight")
                .help("Requests received and not yet answered")
                .callback(callback -> callback.call(inFlight.getAsInt()))
                .register(registry);
    }

    static String route(String path) {
        if (ROUTES.contains(path)) {
            return path;
        }
        for (Map.Entry<Pattern, String> pattern : PATTERNS.entrySet()) {
            if (pattern.getKey().matcher(path).matches()) {
                return pattern.getValue();
            }
        }
        return "other";
    }

    void answered(String path, int status, long nanos) {
        String route = route(path);
        requests.labelValues(route, Integer.toString(status)).inc();
        latency.labelValues(route).observe(nanos / 1e9);
    }

    void batch(int size) {
        batchSizes.observe(size);
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
