package lenet.serving;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import lenet.prediction.Predictor;

/**
 * TorchServe's inference API (pytorch/serve docs/inference_api.md): {@code GET /ping}, answered as TorchServe's
 * frontend answers it, {@code {"status": "Healthy"}}; and {@code POST} or {@code PUT /predictions/{name}[/{version}]}
 * with the image as the body ({@code curl -T 0.png}, which PUTs) or as the multipart field {@code data}
 * ({@code curl -F data=@0.png}). The answer is what TorchServe's image_classifier handler gives
 * (ts/torch_handler/image_classifier.py, postprocess; ts/utils/util.py, map_class_to_label): the five most likely
 * classes (all of them when there are fewer), most likely first, {@code {class name: probability}}. Errors are lenet's
 * {@code {"error": "..."}}, as on every other route, with TorchServe's status codes (404 for another model's name).
 */
final class TorchServeRoutes {
    /** TorchServe's image classifier's {@code topk}. */
    static final int TOP = 5;

    private final ServedModel model;
    private final AtomicInteger arriving;

    /** Reads and classifies the image as {@code POST /predict} does; only the answer differs. */
    private final PredictRoute predict;

    TorchServeRoutes(ServedModel model, AtomicInteger arriving, PredictRoute predict) {
        this.model = model;
        this.arriving = arriving;
        this.predict = predict;
    }

    void register(JavalinConfig config) {
        config.routes.get("/ping", ctx -> ctx.contentType(PredictRoute.JSON).result("{\"status\":\"Healthy\"}"));
        for (String path : List.of("/predictions/{name}", "/predictions/{name}/{version}")) {
            config.routes.post(path, this::predict);
            config.routes.put(path, this::predict);
        }
    }

    private void predict(Context ctx) throws IOException, InterruptedException {
        String name = ctx.pathParam("name");
        if (!name.equals(model.name())) {
            PredictRoute.error(ctx, 404, "Model not found: " + name + " (this server serves \"" + model.name() + "\")");
            return;
        }
        String version = ctx.pathParamMap().get("version");
        if (version != null && !version.equals(InferenceProtocolRoutes.VERSION)) {
            PredictRoute.error(
                    ctx, 404, "Model version not found: " + name + " " + version + " (its one version is 1)");
            return;
        }
        arriving.incrementAndGet();
        try {
            byte[] bytes = ctx.isMultipartFormData()
                    ? PredictRoute.upload(ctx, "data", "curl -F data=@digit.png")
                    : PredictRoute.bodyUpTo(ctx);
            if (bytes != null) { // else answered already
                predict.classify(ctx, bytes, (prediction, digit) -> top(prediction));
            }
        } finally {
            arriving.decrementAndGet();
        }
    }

    /** {@code {class name: probability}} for the most likely classes, most likely first. */
    static Map<String, Double> top(Predictor.Prediction prediction) {
        Map<String, Double> top = new LinkedHashMap<>();
        for (Predictor.Scored scored : prediction.top(TOP)) {
            top.put(scored.name(), scored.probability());
        }
        return top;
    }
}
