package lenet.data;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import lenet.core.IoErrors;
import lenet.core.LenetException;
import lenet.core.LenetHome;

/**
 * Downloads a file over HTTP(S) so that the target is either left as it was or replaced, in one step, by the
 * complete file with the expected MD5: the bytes go to a hidden {@code .NAME.*.part} file beside the target, which
 * is renamed over it only once the checksum matches, and deleted on any failure.
 */
public final class Download {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** One for the process: each client has a thread, and none can be closed before Java 21. */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL) // also http to https, never https to http
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    /** Reason phrases, which Java's HTTP client does not give. */
    private static final String REASONS = "301 Moved Permanently, 302 Found, 307 Temporary Redirect, 400 Bad Request, "
            + "401 Unauthorized, 403 Forbidden, 404 Not Found, 410 Gone, 429 Too Many Requests, 500 Internal Server "
            + "Error, 502 Bad Gateway, 503 Service Unavailable, 504 Gateway Timeout,";

    /** Readable like any other file the user has, not private as temporary files are by default. */
    private static final FileAttribute<?> READABLE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

    private Download() {}

    /** Told how a download goes; the caller draws a progress bar from it. Called on the downloading thread. */
    public interface Listener {
        /** A caller's word, on the thread that will fetch {@code source}, before it does (not Download's). */
        default void fetching(URI source) {}

        /** The server answered and the body begins; {@code totalBytes} is -1 when it sent no Content-Length. */
        default void started(long totalBytes) {}

        default void progressed(long bytesSoFar) {}

        /** Called once after {@link #started}, whether the download succeeded or failed. */
        default void finished() {}

        /** Does nothing. */
        Listener NONE = new Listener() {};
    }

    /** The address could not be reached at all: no network, unknown host, connection refused, no route. */
    public static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Downloads {@code source} to {@code target} as the class comment says, following redirects. The temporary file is
     * also deleted if the JVM exits meanwhile (Ctrl-C). Interrupting the thread ends the download promptly, with a
     * {@link LenetException} of exit code {@link LenetException#INTERRUPTED} and the interrupt status kept.
     *
     * @param md5 the expected MD5 in lower-case hex, or null when the caller checks the file itself
     * @param maxBytes the most the body may hold; a larger one is stopped as soon as it is seen to be larger
     * @param stallTimeout how long to wait for the answer, and then for each next bytes of the body
     * @throws Unreachable no connection could be made
     * @throws LenetException (bad input) one line naming the address and what was wrong: an HTTP status other than
     *     200, a body cut off, stalled, corrupted or larger than {@code maxBytes}, or target's folder not writable
     */
    public static void fetch(
            URI source, Path target, String md5, long maxBytes, Duration stallTimeout, Listener listener)
            throws Unreachable {
        if (md5 != null && !md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not an MD5 in lower-case hex: " + md5);
        }
        Path dir = target.toAbsolutePath().getParent();
        Path part;
        try {
            Files.createDirectories(dir);
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] readable = posix ? new FileAttribute<?>[] {READABLE} : new FileAttribute<?>[0];
            part = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part", readable);
        } catch (IOException e) {
            throw cannotWrite(dir, source, e);
        }
        part.toFile().deleteOnExit(); // Ctrl-C; a later download makes its own temporary file, of another name
        try {
            String arrived = receive(source, part, maxBytes, stallTimeout, listener);
            if (md5 != null && !arrived.equals(md5)) {
                throw fail(source, "MD5 " + arrived + ", expected " + md5 + "; nothing kept");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Unreachable e) {
            throw e;
        } catch (IOException e) {
            throw cannotWrite(target, source, e);
        } finally {
            part.toFile().delete(); // if it fails, nothing more can be done; the name is hidden and says what it is
        }
    }

    /** Writes the body to {@code part} and returns its MD5. */
    private static String receive(URI source, Path part, long maxBytes, Duration stall, Listener listener)
            throws Unreachable {
        // the wait for the status line and headers includes connecting, so it is never shorter than that
        Duration answer = stall.compareTo(CONNECT_TIMEOUT) > 0 ? stall : CONNECT_TIMEOUT;
        HttpRequest request = HttpRequest.newBuilder(source)
                .header("User-Agent", "lenet")
                .timeout(answer)
                .build();
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (InterruptedException e) {
            throw interrupted(source);
        } catch (IOException e) {
            throw unreachableOrFail(source, e, answer);
        }
        Chunks chunks = new Chunks();
        response.body().subscribe(chunks);
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
            int status = response.statusCode();
            if (status != 200) {
                int at = REASONS.indexOf(status + " ");
                String reason = at < 0 ? Integer.toString(status) : REASONS.substring(at, REASONS.indexOf(',', at));
                String to = response.uri().equals(source) ? "" : " (redirected to " + response.uri() + ")";
                throw fail(source, "answered " + reason + to);
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (total > maxBytes) {
                throw fail(source, "is " + count(total) + " bytes, more than the " + count(maxBytes) + " allowed");
            }
            MessageDigest digest = MessageDigest.getInstance("MD5");
            long count = 0;
            listener.started(total);
            try {
                long stallNanos = stall.toNanos();
                for (List<ByteBuffer> buffers; (buffers = chunks.arrived.poll(stallNanos, NANOSECONDS)) != END; ) {
                    if (buffers == null) {
                        throw fail(source, "no data for " + seconds(stall) + " after " + ofTotal(count, total));
                    }
                    for (ByteBuffer buffer : buffers) {
                        if (count + buffer.remaining() > maxBytes) {
                            throw fail(source, "more than the " + count(maxBytes) + " bytes allowed; stopped");
                        }
                        count += buffer.remaining();
                        digest.update(buffer.duplicate());
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                    }
                    listener.progressed(count);
                    chunks.subscription.join().request(1);
                }
                if (chunks.failure != null || (total >= 0 && count != total)) {
                    throw fail(source, "cut off after " + ofTotal(count, total));
                }
            } finally {
                listener.finished();
            }
            out.force(true);
            return HexFormat.of().formatHex(digest.digest());
        } catch (InterruptedException e) {
            throw interrupted(source);
        } catch (IOException e) { // from the file: what the server sent came in the list
            throw Thread.currentThread().isInterrupted() ? interrupted(source) : cannotWrite(part, source, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        } finally {
            chunks.subscription.thenAccept(Flow.Subscription::cancel); // hangs up unless the body was all read
        }
    }

    /** Why no answer came: {@link Unreachable} when no connection could be made, else a one-line failure. */
    private static Unreachable unreachableOrFail(URI source, IOException e, Duration answer) {
        if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
            throw fail(source, "no answer within " + seconds(answer));
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return new Unreachable(source + ": cannot connect (unknown host " + source.getHost() + ")", e);
        }
        String why =
                Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof HttpTimeoutException) {
                // Java 17's client retries a failed connect on the socket the failure closed, and says only that
                why = root instanceof ClosedChannelException ? "connection refused or no route to host" : why;
                return new Unreachable(source + ": cannot connect (" + why + ")", e);
            }
        }
        throw fail(source, "request failed (" + why + ")"); // a failed TLS handshake, among others
    }

    private static String ofTotal(long count, long total) {
        return total < 0 ? count(count) + " bytes" : count(count) + " of " + count(total) + " bytes";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static LenetException fail(URI source, String what) {
        return LenetException.badInput(source + ": " + what);
    }

    private static LenetException cannotWrite(Path file, URI source, IOException e) {
        String what = LenetHome.display(file) + ": cannot write the download of " + source;
        return LenetException.badInput(what + " (" + IoErrors.describe(e) + ")", e);
    }

    private static LenetException interrupted(URI source) {
        Thread.currentThread().interrupt();
        return new LenetException(LenetException.INTERRUPTED, source + ": download interrupted; nothing kept");
    }

    /** Marks the end of the body: whole, or cut off when {@link Chunks#failure} is set. */
    private static final List<ByteBuffer> END = List.of(ByteBuffer.allocate(0));

    /**
     * The body as it arrives, a list of buffers at a time (the client reads no further ahead), for the downloading
     * thread to wait for with a time limit, and to be interrupted while it waits.
     */
    private static final class Chunks implements Flow.Subscriber<List<ByteBuffer>> {
        final BlockingQueue<List<ByteBuffer>> arrived = new LinkedBlockingQueue<>();
        final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        volatile Throwable failure;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            arrived.add(buffers);
        }

        @Override
        public void onError(Throwable e) {
            failure = e;
            arrived.add(END);
        }

        @Override
        public void onComplete() {
            arrived.add(END);
        }
    }
}
