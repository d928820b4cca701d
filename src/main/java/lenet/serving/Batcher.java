package lenet.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import lenet.prediction.Predictor;

/**
 * Dynamic batching: network inputs (784 values each, in lenet's scaling: images read by {@code POST /predict},
 * {@code /predictions} and the Open Inference Protocol's BYTES, or tensors sent ready) from concurrent requests of every
 * API wait in one bounded queue, and a single thread classifies them
 * together, one forward pass for up to {@code maxBatch} inputs. It takes what is queued at once and then, while other
 * requests are still being read and decoded ({@code arriving}), waits for them up to {@code waitMicros}: a busy server runs
 * the network on batches, its fastest path, and a lone request is classified at once, never held for company that
 * is not coming. The network is used by that one thread only (DL4J's networks are not
 * thread-safe). A full queue refuses new inputs ({@link Full}) rather than letting latency grow without bound.
 */
public final class Batcher implements AutoCloseable {
    /** The queue is full: the caller answers 503. */
    public static final class Full extends Exception {
        Full(int capacity) {
            super(capacity + " images are waiting to be classified");
        }

        Full(int room, int wanted) {
            super("the queue has room for " + room + " of the request's " + wanted + " images");
        }
    }

    /** How often a waiting batch looks again whether requests are still arriving. */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private record Job(float[] input, CompletableFuture<Predictor.Prediction> answer) {}

    private final Function<List<float[]>, List<Predictor.Prediction>> classify;
    private final int maxBatch;
    private final long waitNanos;
    private final BlockingQueue<Job> queue;
    private final IntConsumer batchSizes;
    private final IntSupplier arriving;
    private final Thread worker;
    private volatile boolean closed;

    /**
     * @param classify   classifies network inputs in order (called from one thread only)
     * @param maxBatch   most inputs in one forward pass; 1 turns batching off
     * @param waitMicros longest a batch that is not full waits for inputs still arriving (0: only what is queued)
     * @param capacity   inputs that may wait; one more is refused
     * @param batchSizes told the size of every batch classified
     * @param arriving   requests on their way to the queue (read, decoded), that a batch waits for
     */
    public Batcher(
            Function<List<float[]>, List<Predictor.Prediction>> classify,
            int maxBatch,
            long waitMicros,
            int capacity,
            IntConsumer batchSizes,
            IntSupplier arriving) {
        if (maxBatch < 1 || capacity < 1 || waitMicros < 0) {
            throw new IllegalArgumentException("batch " + maxBatch + ", capacity " + capacity + ", wait " + waitMicros);
        }
        this.classify = classify;
        this.maxBatch = maxBatch;
        this.waitNanos = TimeUnit.MICROSECONDS.toNanos(waitMicros);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSizes = batchSizes;
        this.arriving = arriving;
        this.worker = new Thread(this::run, "lenet-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues a network input; the answer completes when its batch has been classified. */
    public CompletableFuture<Predictor.Prediction> submit(float[] input) throws Full {
        Job job = new Job(input, new CompletableFuture<>());
        if (closed || !queue.offer(job)) {
            throw new Full(capacity());
        }
        return job.answer();
    }

    /**
     * Queues the inputs of one request together: all of them, or none when the queue has no room for them all (a
     * request larger than the whole queue is never taken).
     */
    public List<CompletableFuture<Predictor.Prediction>> submitAll(List<float[]> inputs) throws Full {
        List<CompletableFuture<Predictor.Prediction>> answers = new ArrayList<>(inputs.size());
        synchronized (queue) { // so two large requests cannot each take half the room
            if (closed) {
                throw new Full(capacity());
            }
            if (queue.remainingCapacity() < inputs.size()) {
                throw new Full(queue.remainingCapacity(), inputs.size());
            }
            for (float[] input : inputs) {
                Job job = new Job(input, new CompletableFuture<>());
                if (!queue.offer(job)) { // a single submit took the room meanwhile: those queued are answered anyway
                    throw new Full(capacity());
                }
                answers.add(job.answer());
            }
        }
        return answers;
    }

    /** Inputs that may wait at most. */
    public int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    /** Digits waiting now. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        List<Job> batch = new ArrayList<>(maxBatch);
        while (!(closed && queue.isEmpty())) {
            try {
                Job first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - batch.size());
                long deadline = System.nanoTime() + waitNanos;
                while (batch.size() < maxBatch && !closed && arriving.getAsInt() > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Job next = queue.poll(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                        queue.drainTo(batch, maxBatch - batch.size());
                    }
                }
                classify(batch);
            } catch (InterruptedException e) {
                batch.forEach(job -> job.answer().completeExceptionally(e));
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void classify(List<Job> batch) {
        try {
            List<Predictor.Prediction> predictions =
                    classify.apply(batch.stream().map(Job::input).toList());
            batchSizes.accept(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(predictions.get(i));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(job -> job.answer().completeExceptionally(e));
        }
    }

    /** Refuses new inputs, classifies the ones already queued, and ends the thread. */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
