package lenet.serving;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import lenet.core.Json;
import lenet.prediction.Predictor;
import lenet.preprocessing.DigitPreprocessor;
import lenet.preprocessing.UnusableImageException;

/**
 * {@code POST /predict}: the image is the body ({@code image/*}, {@code application/octet-stream}, or no type), or the
 * field {@code image} of a {@code multipart/form-data} upload. It is read and preprocessed on the request's thread,
 * exactly as {@code lenet predict} reads a file, then classified with others by the {@link Batcher}.
 */
final class PredictRoute {
    static final String JSON = "application/json";

    private final Batcher batcher;

    /** Requests between their arrival and their place in the batcher's queue: the company a batch waits for. */
    private final AtomicInteger arriving;

    private final ImageReading images;

    /** @param arriving counts the requests on their way to {@code batcher}, which waits for them */
    PredictRoute(Batcher batcher, AtomicInteger arriving, ImageReading images) {
        this.batcher = batcher;
        this.arriving = arriving;
        this.images = images;
    }

    /** Set on a request whose error a route has answered, so that the server's own 404 and 405 pages leave it. */
    static final String ANSWERED = "lenet.error-answered";

    static void error(Context ctx, int status, String message) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(status).contentType(JSON).result(JsonErrors.body(message));
    }

    /** 503 with Retry-After: the batcher's queue is full. */
    static void busy(Context ctx, Batcher.Full e) {
        ctx.header("Retry-After", "1");
        error(ctx, 503, "busy: " + e.getMessage() + "; try again in a second");
    }

    void handle(Context ctx) throws IOException, InterruptedException {
        arriving.incrementAndGet();
        try {
            read(ctx);
        } finally {
            arriving.decrementAndGet();
        }
    }

    private void read(Context ctx) throws IOException, InterruptedException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > ServeSettings.MAX_BODY_BYTES) {
            error(ctx, 413, tooLarge(declared));
            return;
        }
        byte[] bytes = ctx.isMultipartFormData() ? upload(ctx) : body(ctx);
        if (bytes == null) {
            return; // answered already
        }
        boolean show = "true".equals(ctx.queryParam("show")) || "1".equals(ctx.queryParam("show"));
        classify(ctx, bytes, (prediction, digit) -> answer(prediction, digit, show));
    }

    /**
     * The image file in {@code bytes}, read as {@code predict} reads it and classified with others by the batcher;
     * the answer is {@code answer}'s object as JSON, and an unusable image (400) or a full queue (503) is answered
     * here. {@code /predict} and TorchServe's {@code /predictions} differ only in what they answer.
     */
    void classify(Context ctx, byte[] bytes, BiFunction<Predictor.Prediction, DigitPreprocessor.Digit, Object> answer)
            throws InterruptedException {
        DigitPreprocessor.Digit digit;
        try {
            digit = images.read(bytes);
        } catch (UnusableImageException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        CompletableFuture<Predictor.Prediction> queued;
        try {
            queued = batcher.submit(digit.input());
        } catch (Batcher.Full e) {
            busy(ctx, e);
            return;
        }
        ctx.future(() -> queued.thenAccept(
                prediction -> ctx.contentType(JSON).result(Json.line(answer.apply(prediction, digit)))));
    }

    /**
     * {@code lenet predict --json}'s object without {@code file}; with {@code show}, also every class's probability
     * and the 28×28 image the network saw ({@code pixels}: 784 grey levels, row by row, 255 for full ink).
     */
    static Map<String, Object> answer(Predictor.Prediction prediction, DigitPreprocessor.Digit digit, boolean show) {
        Map<String, Object> answer = new LinkedHashMap<>(prediction.toJson());
        if (show) {
            answer.put(
                    "probabilities",
                    Arrays.stream(prediction.probabilities())
                            .map(Predictor::round)
                            .toArray());
            answer.put("pixels", digit.grey());
        }
        return answer;
    }

    /** The body, at most {@link ServeSettings#MAX_BODY_BYTES}; null when answered already (413). */
    static byte[] bodyUpTo(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > ServeSettings.MAX_BODY_BYTES) {
            error(ctx, 413, tooLarge(declared));
            return null;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) { // the length is known (Jetty ends the stream there): read it into one array
                byte[] bytes = new byte[(int) declared];
                int read = in.readNBytes(bytes, 0, bytes.length);
                return read == bytes.length ? bytes : Arrays.copyOf(bytes, read);
            }
            byte[] bytes = in.readNBytes(ServeSettings.MAX_BODY_BYTES + 1);
            if (bytes.length > ServeSettings.MAX_BODY_BYTES) {
                error(ctx, 413, tooLarge(-1));
                return null;
            }
            return bytes;
        }
    }

    private static byte[] body(Context ctx) throws IOException {
        String type = ctx.contentType();
        String media =
                type == null ? "" : type.toLowerCase(Locale.ROOT).split(";")[0].strip();
        if (!media.isEmpty() && !media.startsWith("image/") && !media.equals("application/octet-stream")) {
            error(
                    ctx,
                    415,
                    "Content-Type " + media + " is not an image: send the image's bytes as image/* or "
                            + "application/octet-stream, or a multipart/form-data upload with a field \"image\"");
            return null;
        }
        return bodyUpTo(ctx);
    }

    private static byte[] upload(Context ctx) throws IOException {
        return upload(ctx, "image", "curl -F image=@digit.png");
    }

    /** The field {@code field} of a multipart upload; null when answered already (400, 413). */
    static byte[] upload(Context ctx, String field, String example) throws IOException {
        UploadedFile file;
        try {
            file = ctx.uploadedFile(field);
        } catch (RuntimeException e) {
            // the servlet container refuses a part or an upload over its limits, or a malformed body
            String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("size") || text.contains("exceed") || text.contains("too large")) {
                error(ctx, 413, tooLarge(-1));
            } else {
                error(ctx, 400, "malformed multipart/form-data upload");
            }
            return null;
        }
        if (file == null) {
            error(ctx, 400, "multipart/form-data upload has no field \"" + field + "\" (" + example + ")");
            return null;
        }
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        }
    }

    static String tooLarge(long declared) {
        String limit = ServeSettings.MAX_BODY_BYTES / (1024 * 1024) + " MB";
        return declared > 0
                ? String.format(Locale.ROOT, "request body too large (%,d bytes; the limit is %s)", declared, limit)
                : "request body too large (the limit is " + limit + ")";
    }
}
