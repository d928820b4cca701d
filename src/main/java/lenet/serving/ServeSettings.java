package lenet.serving;

import java.time.Duration;

/**
 * How {@code lenet serve} listens and batches.
 *
 * @param maxBatch    most images in one forward pass (1: no batching)
 * @param batchWait   longest a batch that is not full waits for requests still being read
 * @param queue       images that may wait to be classified; one more is answered 503
 * @param threads     most threads answering HTTP requests
 * @param connections most open connections; more wait in the kernel's accept queue
 * @param idleTimeout a connection that sends nothing this long (mid-request too) is closed
 * @param drain       how long a stop waits for the requests in flight
 */
public record ServeSettings(
        String host,
        int port,
        int maxBatch,
        Duration batchWait,
        int queue,
        int threads,
        int connections,
        Duration idleTimeout,
        Duration drain) {

    /** The largest request body: an image file or a multipart upload of one. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    /** The largest request line and headers, together. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    /** These settings with another batching: the options {@code lenet serve} takes. */
    public ServeSettings withBatching(int maxBatch, Duration batchWait, int queue) {
        return new ServeSettings(host, port, maxBatch, batchWait, queue, threads, connections, idleTimeout, drain);
    }

    /** These settings with another idle timeout. */
    public ServeSettings withIdleTimeout(Duration idleTimeout) {
        return new ServeSettings(host, port, maxBatch, batchWait, queue, threads, connections, idleTimeout, drain);
    }

    public static ServeSettings defaults(String host, int port) {
        return new ServeSettings(
                host, port, 64, Duration.ofMillis(2), 256, 32, 512, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
}
