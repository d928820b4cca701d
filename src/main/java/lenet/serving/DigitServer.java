package lenet.serving;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import lenet.core.Json;
import lenet.core.LenetException;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.model.Classes;
import lenet.model.Classes.Framing;
import lenet.prediction.Predictor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code lenet serve}, on Javalin (Jetty 12): {@code GET /} the drawing page, {@code POST /predict},
 * {@code GET /health}, {@code GET /metrics}; the Open Inference Protocol ({@link InferenceProtocolRoutes}) and
 * TorchServe's inference API ({@link TorchServeRoutes}), all through one {@link Batcher}. Every error is {@code {"error": "..."}}; none carries a stack trace.
 * Stopping is graceful: the listening socket closes, the requests in flight are answered (up to the drain time),
 * then the server and the batcher end.
 */
public final class DigitServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DigitServer.class);
    private static final String STARTED = "lenet.started";

    private final Batcher batcher;
    private final ServeMetrics metrics;
    private final GracefulHandler graceful = new GracefulHandler();
    private final Javalin app;
    private URI address;

    private DigitServer(
            Function<List<float[]>, List<Predictor.Prediction>> classify,
            ServedModel model,
            Map<String, Object> health,
            ServeSettings settings) {
        this.metrics = new ServeMetrics(this::queued, () -> (int) graceful.getCurrentRequestCount());
        AtomicInteger arriving = new AtomicInteger();
        this.batcher = new Batcher(
                classify,
                settings.maxBatch(),
                settings.batchWait().toNanos() / 1000,
                settings.queue(),
                metrics::batch,
                arriving::get);
        ImageReading images = new ImageReading(model.classes().framing());
        PredictRoute predict = new PredictRoute(batcher, arriving, images);
        InferenceProtocolRoutes inference = new InferenceProtocolRoutes(model, batcher, arriving, images);
        TorchServeRoutes torchServe = new TorchServeRoutes(model, arriving, predict);
        byte[] page = page();
        String healthLine = Json.line(health);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = ServeSettings.MAX_BODY_BYTES;
            config.jetty.threadPool = threadPool(settings.threads());
            config.jetty.multipartConfig.maxFileSize(ServeSettings.MAX_BODY_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(ServeSettings.MAX_BODY_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(ServeSettings.MAX_BODY_BYTES, SizeUnit.BYTES);
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(ServeSettings.MAX_HEADER_BYTES);
                http.setSendServerVersion(false);
                http.setIdleTimeout(settings.idleTimeout().toMillis());
            });
            config.jetty.modifyServer(server -> {
                server.setHandler(graceful); // Javalin puts its own handler inside
                server.setStopTimeout(settings.drain().toMillis());
                server.setErrorHandler(new JsonErrors());
            });
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                connector.setIdleTimeout(settings.idleTimeout().toMillis());
                server.addBean(new NetworkConnectionLimit(settings.connections(), connector));
                return connector;
            });
            config.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            config.routes.after(ctx -> {
                Long started = ctx.attribute(STARTED);
                metrics.answered(ctx.path(), ctx.statusCode(), started == null ? 0 : System.nanoTime() - started);
            });
            config.routes.get(
                    "/",
                    ctx -> ctx.header("Cache-Control", "no-cache")
                            .header(
                                    "Content-Security-Policy",
                                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                            + "img-src data: blob:; connect-src 'self'")
                            .contentType("text/html; charset=utf-8")
                            .result(page));
            config.routes.post("/predict", predict::handle);
            config.routes.get(
                    "/health", ctx -> ctx.contentType(PredictRoute.JSON).result(healthLine));
            config.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType(ServeMetrics.CONTENT_TYPE).result(metrics.scrape()));
            inference.register(config);
            torchServe.register(config);
            config.routes.error(404, ctx -> {
                if (ctx.attribute(PredictRoute.ANSWERED) == null) { // not a route's own 404 (another model)
                    PredictRoute.error(ctx, 404, "no such page: " + ctx.path());
                }
            });
            config.routes.error(
                    405, ctx -> PredictRoute.error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path()));
            config.routes.exception(
                    HttpResponseException.class, (e, ctx) -> PredictRoute.error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                // one line in the server's log; the stack trace too with --verbose (INFO is shown only then)
                LOG.warn("{} {}: internal error: {}", ctx.method(), ctx.path(), cause.toString());
                LOG.info("stack trace of that error", cause);
                PredictRoute.error(
                        ctx, 500, "internal error (" + cause.getClass().getSimpleName() + ")");
            });
        });
    }

    /** The model's name when none is given. */
    static final String DEFAULT_NAME = "lenet";

    /** Listens before it returns; the network is used by one thread only. */
    public static DigitServer start(MultiLayerNetwork network, Map<String, Object> health, ServeSettings settings) {
        return start(Classifier.of(network), health, settings);
    }

    /** {@link #start(Classifier, String, Map, ServeSettings)} with the model named {@code lenet}. */
    public static DigitServer start(Classifier classifier, Map<String, Object> health, ServeSettings settings) {
        return start(classifier, DEFAULT_NAME, health, settings);
    }

    /**
     * Listens before it returns, after a drawing has been run through the whole answer once ({@link WarmUp}); the
     * classifier is used by one thread at a time.
     *
     * @param name the model's name in the Open Inference Protocol's and TorchServe's paths
     */
    public static DigitServer start(
            Classifier classifier, String name, Map<String, Object> health, ServeSettings settings) {
        WarmUp.run(classifier);
        String platform = Classifiers.ONNX_RUNTIME.equals(classifier.runtime()) ? "onnxruntime_onnx" : "deeplearning4j";
        return start(
                inputs -> Predictor.predictInputs(classifier, inputs),
                new ServedModel(name, platform, classifier.classes()),
                health,
                settings);
    }

    /** A server whose network inputs are classified by {@code classify}, called from one thread. */
    static DigitServer start(
            Function<List<float[]>, List<Predictor.Prediction>> classify,
            Map<String, Object> health,
            ServeSettings settings) {
        return start(classify, Framing.DIGIT, health, settings);
    }

    /** A server whose images, framed so, are classified by {@code classify}, called from one thread. */
    static DigitServer start(
            Function<List<float[]>, List<Predictor.Prediction>> classify,
            Framing framing,
            Map<String, Object> health,
            ServeSettings settings) {
        Classes classes = new Classes(Classes.MNIST.dataset(), Classes.MNIST.names(), framing);
        return start(classify, new ServedModel(DEFAULT_NAME, "deeplearning4j", classes), health, settings);
    }

    private static DigitServer start(
            Function<List<float[]>, List<Predictor.Prediction>> classify,
            ServedModel model,
            Map<String, Object> health,
            ServeSettings settings) {
        DigitServer server = new DigitServer(classify, model, health, settings);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.batcher.close();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException || cause instanceof IOException) {
                    throw LenetException.badInput(
                            "cannot listen on " + settings.host() + ":" + settings.port() + " (" + cause.getMessage()
                                    + ")",
                            e);
                }
            }
            throw e;
        }
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        server.address = URI.create("http://" + host + ":" + server.app.port() + "/");
        return server;
    }

    /** Where the server listens, for example {@code http://127.0.0.1:8080/}. */
    public URI address() {
        return address;
    }

    /** Requests received and not yet answered. */
    public long inFlight() {
        return graceful.getCurrentRequestCount();
    }

    private int queued() {
        return batcher == null ? 0 : batcher.queued();
    }

    /** Stops accepting, answers the requests in flight (up to the drain time), then stops. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            batcher.close();
        }
    }

    private static QueuedThreadPool threadPool(int threads) {
        // a bounded queue of work: past it Jetty refuses new connections rather than holding them in memory
        QueuedThreadPool pool = new QueuedThreadPool(
                threads, Math.min(4, threads), 60_000, new BlockingArrayQueue<>(threads * 4, threads * 4, 1024));
        pool.setName("lenet-http");
        return pool;
    }

    private static byte[] page() {
        try (InputStream in = DigitServer.class.getResourceAsStream("page.html")) {
            if (in == null) {
                throw new IllegalStateException("lenet/serving/page.html is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
