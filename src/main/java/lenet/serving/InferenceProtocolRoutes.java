package lenet.serving;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import lenet.core.Json;
import lenet.core.Versions;
import lenet.prediction.Predictor;
import lenet.preprocessing.UnusableImageException;

/**
 * The Open Inference Protocol (KServe V2) over REST, as kserve/open-inference-protocol
 * specification/protocol/inference_rest.md defines it: server metadata ({@code GET /v2}), health
 * ({@code /v2/health/live}, {@code /v2/health/ready}), the model's metadata and readiness
 * ({@code /v2/models/{name}[/versions/{v}][/ready]}) and inference ({@code POST .../infer}), with Triton's binary tensor
 * data extension, the one extension listed. One model, one version ("1"); any other name or version is 404.
 * Inference goes through the same {@link Batcher} as {@code POST /predict}.
 */
final class InferenceProtocolRoutes {
    static final String VERSION = "1";
    static final String INFERENCE_HEADER = "Inference-Header-Content-Length";

    private final ServedModel model;
    private final Batcher batcher;
    private final AtomicInteger arriving;
    private final ImageReading images;

    InferenceProtocolRoutes(ServedModel model, Batcher batcher, AtomicInteger arriving, ImageReading images) {
        this.model = model;
        this.batcher = batcher;
        this.arriving = arriving;
        this.images = images;
    }

    void register(JavalinConfig config) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", "lenet");
        server.put("version", Versions.lenet());
        server.put("extensions", List.of("binary_tensor_data"));
        String serverLine = Json.line(server);
        config.routes.get("/v2", ctx -> json(ctx, serverLine));
        config.routes.get("/v2/health/live", ctx -> json(ctx, "{\"live\":true}"));
        config.routes.get("/v2/health/ready", ctx -> json(ctx, "{\"ready\":true}"));
        for (String base : List.of("/v2/models/{name}", "/v2/models/{name}/versions/{version}")) {
            config.routes.get(base, this::metadata);
            config.routes.get(base + "/ready", this::ready);
            config.routes.post(base + "/infer", this::infer);
        }
    }

    private static void json(Context ctx, String line) {
        ctx.contentType(PredictRoute.JSON).result(line);
    }

    /** False after answering 404: the path names another model or version. */
    private boolean found(Context ctx) {
        String name = ctx.pathParam("name");
        if (!name.equals(model.name())) {
            PredictRoute.error(ctx, 404, "no model \"" + name + "\": this server serves \"" + model.name() + "\"");
            return false;
        }
        String version = ctx.pathParamMap().get("version");
        if (version != null && !version.equals(VERSION)) {
            PredictRoute.error(
                    ctx, 404, "model \"" + name + "\" has no version \"" + version + "\" (its one version is 1)");
            return false;
        }
        return true;
    }

    private void metadata(Context ctx) {
        if (found(ctx)) {
            json(ctx, model.metadata());
        }
    }

    private void ready(Context ctx) {
        if (found(ctx)) {
            json(ctx, Json.line(Map.of("name", model.name(), "ready", true)));
        }
    }

    private void infer(Context ctx) throws IOException, InterruptedException {
        if (!found(ctx)) {
            return;
        }
        arriving.incrementAndGet();
        List<CompletableFuture<Predictor.Prediction>> answers;
        TensorRequest request;
        try {
            byte[] body = PredictRoute.bodyUpTo(ctx);
            if (body == null) {
                return; // answered: 413
            }
            request = TensorRequest.read(body, ctx.header(INFERENCE_HEADER), batcher.capacity());
            answers = batcher.submitAll(request.pixels() != null ? request.pixels() : read(request.images()));
        } catch (TensorRequest.Refused e) {
            PredictRoute.error(ctx, 400, e.getMessage());
            return;
        } catch (Batcher.Full e) {
            PredictRoute.busy(ctx, e);
            return;
        } finally {
            arriving.decrementAndGet();
        }
        ctx.future(() -> CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenAccept(done -> {
                    List<Predictor.Prediction> predictions =
                            answers.stream().map(CompletableFuture::join).toList();
                    TensorResponse response = TensorResponse.of(model.name(), VERSION, request, predictions);
                    if (response.jsonLength() >= 0) {
                        ctx.header(INFERENCE_HEADER, Integer.toString(response.jsonLength()));
                    }
                    ctx.contentType(response.contentType()).result(response.body());
                }));
    }

    /**
     * The image files, read as {@code predict} reads them, each into a network input; the files of one request on as
     * many cores as {@link ImageReading} lets decode at once (the common fork-join pool and this thread).
     */
    private List<float[]> read(List<byte[]> files) throws TensorRequest.Refused {
        float[][] inputs = new float[files.size()][];
        String[] refused = new String[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                inputs[i] = images.read(files.get(i)).input();
            } catch (UnusableImageException e) {
                refused[i] = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refused[i] = "interrupted";
            }
        });
        for (int i = 0; i < refused.length; i++) {
            if (refused[i] != null) {
                String which = files.size() == 1 ? "" : "element " + i + ": ";
                throw new TensorRequest.Refused("input \"" + TensorRequest.IMAGE + "\", " + which + refused[i]);
            }
        }
        return Arrays.asList(inputs);
    }
}
