package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import lenet.checkpoint.Checkpoints;
import lenet.prediction.Predictor;
import lenet.preprocessing.DigitPreprocessor;
import lenet.preprocessing.ImageLoader;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** Many clients at once, a full queue, a graceful stop with requests in flight, and a client that stalls. */
class ServeConcurrencyTest {
    private static final Map<String, Object> HEALTH = Map.of("status", "ok");

    private static ServeSettings settings(int maxBatch, Duration wait, int queue, Duration idle) {
        return ServeSettings.defaults("127.0.0.1", 0)
                .withBatching(maxBatch, wait, queue)
                .withIdleTimeout(idle);
    }

    /** A stand-in network that answers 5, whose first batch waits for {@code mayAnswer}. */
    private static Function<List<float[]>, List<Predictor.Prediction>> held(
            CountDownLatch started, CountDownLatch mayAnswer) {
        return digits -> {
            started.countDown();
            try {
                mayAnswer.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return digits.stream().map(d -> BatcherTest.prediction(5)).toList();
        };
    }

    @Test
    void sixteenClientsAtOnceAreBatchedAndEachGetsTheAnswerForItsOwnImage() throws Exception {
        Checkpoints.Loaded model = Checkpoints.load(TestModel.path(), false);
        MultiLayerNetwork oracle = Checkpoints.load(TestModel.path(), false).network();
        int clients = 16;
        int each = 20;
        try (DigitServer server = DigitServer.start(
                model.network(), HEALTH, settings(64, Duration.ofMillis(20), 256, Duration.ofSeconds(10)))) {
            Http http = new Http(server.address());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        int index = client * each + i;
                        byte[] png = MnistImages.png28(index);
                        Http.Answer answer = http.post("predict", png, "image/png");
                        Predictor.Prediction expected = Predictor.predict(
                                        oracle, List.of(DigitPreprocessor.preprocess(ImageLoader.read(png))))
                                .get(0);
                        if (answer.status() != 200
                                || answer.json().get("digit").asInt() != expected.index()
                                || Math.abs(answer.json().get("probability").asDouble() - expected.probability())
                                        > 1e-4) {
                            wrong.add(index + ": " + answer.status() + " " + answer.body() + " expected "
                                    + expected.toJson());
                        }
                    }
                    return wrong;
                }));
            }
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> result : results) {
                wrong.addAll(result.get(5, TimeUnit.MINUTES));
            }
            pool.shutdown();
            assertThat(wrong).isEmpty();
            String metrics = http.get("metrics").body();
            assertThat(Metrics.value(metrics, "lenet_batch_size_sum")).isEqualTo(clients * each);
            assertThat(Metrics.value(metrics, "lenet_batch_size_count"))
                    .as("forward passes for %d images", clients * each)
                    .isLessThan(clients * each / 2.0);
        }
    }

    @Test
    void aFullQueueIs503WithRetryAfterAndTheQueuedRequestsAreStillAnswered() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayAnswer = new CountDownLatch(1);
        try (DigitServer server = DigitServer.start(
                held(started, mayAnswer), HEALTH, settings(1, Duration.ZERO, 2, Duration.ofSeconds(10)))) {
            Http http = new Http(server.address());
            List<CompletableFuture<Http.Answer>> waiting = new ArrayList<>();
            waiting.add(CompletableFuture.supplyAsync(() -> http.post("predict", MnistImages.png28(0), "image/png")));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 2; i++) {
                int index = i;
                waiting.add(CompletableFuture.supplyAsync(
                        () -> http.post("predict", MnistImages.png28(index), "image/png")));
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (Metrics.value(http.get("metrics").body(), "lenet_queue_depth") < 2
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Http.Answer refused = http.post("predict", MnistImages.png28(3), "image/png");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.json().get("error").asText()).startsWith("busy");
            mayAnswer.countDown();
            for (CompletableFuture<Http.Answer> answer : waiting) {
                assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
                assertThat(answer.get().json().get("digit").asInt()).isEqualTo(5);
            }
        }
    }

    @Test
    void aFailingForwardPassIs500WithoutAStackTraceAndTheServerLivesOn() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Function<List<float[]>, List<Predictor.Prediction>> failsOnce = digits -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("native failure in the forward pass");
            }
            return digits.stream().map(d -> BatcherTest.prediction(4)).toList();
        };
        try (DigitServer server =
                DigitServer.start(failsOnce, HEALTH, settings(64, Duration.ZERO, 256, Duration.ofSeconds(10)))) {
            Http http = new Http(server.address());
            Http.Answer failed = http.post("predict", MnistImages.png28(0), "image/png");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.json().get("error").asText()).isEqualTo("internal error (IllegalStateException)");
            assertThat(failed.body()).doesNotContain("native failure").doesNotContain("\tat ");
            Http.Answer next = http.post("predict", MnistImages.png28(0), "image/png");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().get("digit").asInt()).isEqualTo(4);
        }
    }

    @Test
    void aStopClosesTheListenerAndAnswersEveryRequestInFlight() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayAnswer = new CountDownLatch(1);
        DigitServer server = DigitServer.start(
                held(started, mayAnswer), HEALTH, settings(64, Duration.ZERO, 256, Duration.ofSeconds(10)));
        Http http = new Http(server.address());
        List<CompletableFuture<Http.Answer>> inFlight = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int index = i;
            inFlight.add(
                    CompletableFuture.supplyAsync(() -> http.post("predict", MnistImages.png28(index), "image/png")));
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (server.inFlight() < 6 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.inFlight()).isEqualTo(6);
        Thread stopping = new Thread(server::close);
        stopping.start();
        deadline = System.currentTimeMillis() + 10_000;
        boolean refused = false;
        while (!refused && System.currentTimeMillis() < deadline) {
            try (Socket socket =
                    new Socket(server.address().getHost(), server.address().getPort())) {
                Thread.sleep(20);
            } catch (ConnectException e) {
                refused = true;
            }
        }
        assertThat(refused).as("new connections refused while stopping").isTrue();
        assertThat(inFlight).noneMatch(CompletableFuture::isDone);
        mayAnswer.countDown();
        for (CompletableFuture<Http.Answer> answer : inFlight) {
            assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        stopping.join(30_000);
        assertThat(stopping.isAlive()).isFalse();
    }

    @Test
    void aClientThatStallsMidRequestIsCutOffAndOthersAreServedMeanwhile() throws Exception {
        try (DigitServer server = DigitServer.start(
                        held(new CountDownLatch(1), new CountDownLatch(0)),
                        HEALTH,
                        settings(64, Duration.ZERO, 256, Duration.ofMillis(500)));
                Socket slow =
                        new Socket(server.address().getHost(), server.address().getPort())) {
            OutputStream out = slow.getOutputStream();
            out.write("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n12345"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(new Http(server.address()).get("health").status()).isEqualTo(200);
            // readAllBytes returns at the end of the stream: the server closed the connection after its 0.5 s idle
            // timeout (with or without a 4xx first). Left open, the client's 60 s read timeout throws instead.
            slow.setSoTimeout(60_000);
            InputStream in = slow.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("HTTP/1.1 200");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
