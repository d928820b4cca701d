package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import lenet.model.Classes;
import lenet.prediction.Predictor;
import org.junit.jupiter.api.Test;

/** The batching queue on its own, with a stand-in for the network that answers each input with its first value. */
class BatcherTest {
    private final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
    private final CountDownLatch firstBatchStarted = new CountDownLatch(1);

    /** Answers digit {@code input[0] % 10}; the first batch waits for {@link #firstBatchMayEnd}. */
    private final Function<List<float[]>, List<Predictor.Prediction>> network = digits -> {
        if (firstBatchStarted.getCount() > 0) {
            firstBatchStarted.countDown();
            await(firstBatchMayEnd);
        }
        return digits.stream().map(d -> prediction((int) d[0] % 10)).toList();
    };

    static Predictor.Prediction prediction(int digit) {
        double[] p = new double[10];
        p[digit] = 1;
        Predictor.Scored best = new Predictor.Scored(digit, Integer.toString(digit), 1);
        return new Predictor.Prediction(best, List.of(best), p, Classes.MNIST);
    }

    /** A network input whose first value is {@code value}: the stand-in network's answer. */
    static float[] digit(int value) {
        float[] input = new float[784];
        input[0] = value;
        return input;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void whatQueuesWhileTheNetworkIsBusyGoesInOneBatchUpToTheBatchSizeEachWithItsOwnAnswer() throws Exception {
        try (Batcher batcher = new Batcher(network, 4, 0, 100, batches::add, () -> 0)) {
            List<CompletableFuture<Predictor.Prediction>> answers = new ArrayList<>();
            answers.add(batcher.submit(digit(0)));
            await(firstBatchStarted);
            for (int i = 1; i <= 10; i++) {
                answers.add(batcher.submit(digit(i)));
            }
            assertThat(batcher.queued()).isEqualTo(10);
            firstBatchMayEnd.countDown();
            for (int i = 0; i <= 10; i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS).index()).isEqualTo(i % 10);
            }
            assertThat(batches).containsExactly(1, 4, 4, 2);
        }
    }

    @Test
    void aBatchThatIsNotFullWaitsForRequestsStillArriving() throws Exception {
        firstBatchStarted.countDown(); // no blocking batch here
        java.util.concurrent.atomic.AtomicInteger arriving = new java.util.concurrent.atomic.AtomicInteger(1);
        CountDownLatch askedThrice = new CountDownLatch(3);
        IntSupplier stillArriving = () -> {
            int n = arriving.get();
            askedThrice.countDown();
            return n;
        };
        try (Batcher batcher = new Batcher(network, 64, 60_000_000, 100, batches::add, stillArriving)) {
            CompletableFuture<Predictor.Prediction> first = batcher.submit(digit(1));
            await(askedThrice); // the batch has looked three times, and seen a request arriving each time
            assertThat(first).as("held while another request is arriving").isNotDone();
            CompletableFuture<Predictor.Prediction> second = batcher.submit(digit(2));
            arriving.set(0);
            assertThat(first.get(30, TimeUnit.SECONDS).index()).isEqualTo(1);
            assertThat(second.get(30, TimeUnit.SECONDS).index()).isEqualTo(2);
        }
        assertThat(batches).containsExactly(2);
    }

    @Test
    void aLoneDigitIsNotHeldForTheBudgetWhenNothingElseIsArriving() throws Exception {
        firstBatchStarted.countDown();
        try (Batcher batcher = new Batcher(network, 64, 60_000_000, 100, batches::add, () -> 0)) {
            // a one-minute budget, answered well within the 30 s this waits
            assertThat(batcher.submit(digit(3)).get(30, TimeUnit.SECONDS).index())
                    .isEqualTo(3);
            assertThat(batches).containsExactly(1);
        }
    }

    @Test
    void withoutAWaitALoneDigitIsClassifiedAtOnce() throws Exception {
        firstBatchStarted.countDown();
        try (Batcher batcher = new Batcher(network, 64, 0, 100, batches::add, () -> 0)) {
            assertThat(batcher.submit(digit(7)).get(30, TimeUnit.SECONDS).index())
                    .isEqualTo(7);
            assertThat(batches).containsExactly(1);
        }
    }

    @Test
    void aFullQueueRefusesAndTheQueuedDigitsAreStillAnswered() throws Exception {
        try (Batcher batcher = new Batcher(network, 64, 0, 2, batches::add, () -> 0)) {
            CompletableFuture<Predictor.Prediction> running = batcher.submit(digit(0));
            await(firstBatchStarted);
            CompletableFuture<Predictor.Prediction> a = batcher.submit(digit(1));
            CompletableFuture<Predictor.Prediction> b = batcher.submit(digit(2));
            assertThatThrownBy(() -> batcher.submit(digit(3)))
                    .isInstanceOf(Batcher.Full.class)
                    .hasMessage("2 images are waiting to be classified");
            firstBatchMayEnd.countDown();
            assertThat(running.get(30, TimeUnit.SECONDS).index()).isZero();
            assertThat(a.get(30, TimeUnit.SECONDS).index()).isEqualTo(1);
            assertThat(b.get(30, TimeUnit.SECONDS).index()).isEqualTo(2);
        }
    }

    @Test
    void aFailingBatchFailsItsRequestsOnlyAndTheNextBatchWorks() throws Exception {
        List<float[]> seen = new ArrayList<>();
        Function<List<float[]>, List<Predictor.Prediction>> flaky = digits -> {
            seen.addAll(digits);
            if (seen.size() == 1) {
                throw new IllegalStateException("native failure");
            }
            return digits.stream().map(d -> prediction((int) d[0])).toList();
        };
        try (Batcher batcher = new Batcher(flaky, 64, 0, 10, batches::add, () -> 0)) {
            CompletableFuture<Predictor.Prediction> failed = batcher.submit(digit(4));
            assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("native failure");
            assertThat(batcher.submit(digit(5)).get(30, TimeUnit.SECONDS).index())
                    .isEqualTo(5);
        }
    }

    @Test
    void closingAnswersWhatIsQueuedAndRefusesMore() throws Exception {
        Batcher batcher = new Batcher(network, 1, 0, 10, batches::add, () -> 0);
        CompletableFuture<Predictor.Prediction> running = batcher.submit(digit(0));
        await(firstBatchStarted);
        CompletableFuture<Predictor.Prediction> queued = batcher.submit(digit(8));
        Thread closer = new Thread(batcher::close);
        closer.start();
        // close() marks the batcher closed, then waits for its thread (held by the first batch) in a timed join
        long deadline = System.currentTimeMillis() + 30_000;
        while (closer.getState() != Thread.State.TIMED_WAITING && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertThatThrownBy(() -> batcher.submit(digit(9))).isInstanceOf(Batcher.Full.class);
        firstBatchMayEnd.countDown();
        closer.join(30_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(running.get(1, TimeUnit.SECONDS).index()).isZero();
        assertThat(queued.get(1, TimeUnit.SECONDS).index()).isEqualTo(8);
    }
}
