package lenet.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Download} against a local HTTP server that serves whole, broken, stalled and missing files. */
@Timeout(60) // a download that never ends fails the test, not the build
class DownloadTest {
    /** Fashion-MNIST's test labels, as Debian's dataset-fashion-mnist installs them, and their MD5 (md5sum). */
    static final Path FASHION_LABELS = Path.of("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz");

    static final String FASHION_LABELS_MD5 = "0d30e22e447f3c33dab9ed536400ac01";

    static final byte[] PAYLOAD = new byte[100_000];

    static {
        new Random(7).nextBytes(PAYLOAD);
    }

    static final String PAYLOAD_MD5 = md5(PAYLOAD);
    static final long MAX = 1_000_000;
    static final Duration STALL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    Path target;
    HttpServer server;
    ExecutorService handlers;
    /** Handlers that stall wait for this; released after each test, never waited out by the test itself. */
    final CountDownLatch release = new CountDownLatch(1);

    final Events events = new Events();

    @BeforeEach
    void startServer() throws IOException {
        target = dir.resolve("t10k-labels-idx1-ubyte.gz");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
        assertThat(handlers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theRealFileArrivesWholeAndTheListenerSeesItAll() throws IOException {
        byte[] real = realFile();
        URI uri = serve("/fashion/t10k-labels-idx1-ubyte.gz", whole(real));
        // as readable as a file the user makes here (under the umask), not private as temporary files are
        Set<PosixFilePermission> readable = EnumSet.copyOf(Files.getPosixFilePermissions(Files.createFile(target)));
        readable.removeAll(Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
        Files.delete(target);

        Download.fetch(uri, target, FASHION_LABELS_MD5, MAX, STALL, events);

        assertThat(target).hasBinaryContent(real);
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(readable);
        assertThat(files()).containsExactly(target);
        assertThat(events.list).first().isEqualTo("started " + real.length);
        assertThat(events.list).last().isEqualTo("finished");
        assertThat(events.list).filteredOn(e -> e.startsWith("finished")).hasSize(1);
        assertThat(events.list.get(events.list.size() - 2)).isEqualTo("progressed " + real.length);
        assertThat(events.progress()).isSorted().allMatch(n -> n > 0 && n <= real.length);
    }

    @Test
    void aRedirectIsFollowed() throws IOException {
        byte[] real = realFile();
        URI file = serve("/file", whole(real));
        URI moved = serve("/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", file.toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });

        Download.fetch(moved, target, FASHION_LABELS_MD5, MAX, STALL, events);

        assertThat(target).hasBinaryContent(real);
        assertThat(files()).containsExactly(target);
    }

    @Test
    void theClientSaysWhoItIs() throws IOException {
        AtomicReference<String> agent = new AtomicReference<>();
        URI uri = serve("/file", exchange -> {
            agent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
            whole(PAYLOAD).handle(exchange);
        });

        Download.fetch(uri, target, PAYLOAD_MD5, MAX, STALL, Download.Listener.NONE);

        assertThat(agent.get()).isEqualTo("lenet");
        assertThat(target).hasBinaryContent(PAYLOAD);
    }

    @Test
    void aCorruptedBodyIsNotKept() throws IOException {
        byte[] corrupted = PAYLOAD.clone();
        corrupted[54_321] ^= 0x10;
        URI uri = serve("/file", whole(corrupted));

        assertThatThrownBy(() -> Download.fetch(uri, target, PAYLOAD_MD5, MAX, STALL, events))
                .isInstanceOf(LenetException.class)
                .hasMessage(uri + ": MD5 " + md5(corrupted) + ", expected " + PAYLOAD_MD5 + "; nothing kept")
                .extracting(e -> ((LenetException) e).exitCode())
                .isEqualTo(LenetException.BAD_INPUT);
        assertThat(dir).isEmptyDirectory();
        assertThat(events.list).last().isEqualTo("finished");
    }

    @Test
    void aBodyCutOffIsNotKept() throws IOException {
        URI uri = serve("/file", exchange -> {
            exchange.sendResponseHeaders(200, PAYLOAD.length);
            exchange.getResponseBody().write(PAYLOAD, 0, PAYLOAD.length / 2);
            exchange.getResponseBody().flush();
            exchange.close(); // closes the connection, with half of what was promised sent
        });

        assertThatThrownBy(() -> Download.fetch(uri, target, PAYLOAD_MD5, MAX, STALL, events))
                .isInstanceOf(LenetException.class)
                .hasMessage(uri + ": cut off after 50,000 of 100,000 bytes");
        assertThat(dir).isEmptyDirectory();
        assertThat(events.list).first().isEqualTo("started 100000");
        assertThat(events.list).filteredOn(e -> e.startsWith("finished")).hasSize(1);
    }

    @Test
    void aStalledBodyIsGivenUp() {
        URI uri = serve("/file", partThenWait(1_000));

        assertThatThrownBy(() -> Download.fetch(uri, target, PAYLOAD_MD5, MAX, Duration.ofMillis(500), events))
                .isInstanceOf(LenetException.class)
                .hasMessage(uri + ": no data for 0.5 s after 1,000 of 100,000 bytes");
        assertThat(dir).isEmptyDirectory();
        assertThat(events.list).containsExactly("started 100000", "progressed 1000", "finished");
    }

    @Test
    void aMissingFileReplacesNothing() throws IOException {
        Files.writeString(target, "the older, good copy");
        URI uri = serve("/file", exchange -> {
            byte[] page = "<h1>Not Found</h1>".getBytes(UTF_8);
            exchange.sendResponseHeaders(404, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });

        assertThatThrownBy(() -> Download.fetch(uri, target, PAYLOAD_MD5, MAX, STALL, events))
                .isInstanceOf(LenetException.class)
                .hasMessage(uri + ": answered 404 Not Found");
        assertThat(target).hasContent("the older, good copy");
        assertThat(files()).containsExactly(target);
        assertThat(events.list).isEmpty();
    }

    @Test
    void aPortWithNothingListeningIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/t10k-labels-idx1-ubyte.gz");

        assertThatThrownBy(() -> Download.fetch(uri, target, PAYLOAD_MD5, MAX, STALL, events))
                .isInstanceOf(Download.Unreachable.class)
                .hasMessage(uri + ": cannot connect (connection refused or no route to host)");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aBodyLargerThanAllowedIsRefusedByItsLength() {
        URI uri = serve("/file", whole(PAYLOAD));

        assertThatThrownBy(() -> Download.fetch(uri, target, PAYLOAD_MD5, 99_999, STALL, events))
                .isInstanceOf(LenetException.class)
                .hasMessage(uri + ": is 100,000 bytes, more than the 99,999 allowed");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anEndlessBodyIsStoppedAtTheLimit() {
        URI uri = serve("/file", exchange -> {
            exchange.sendResponseHeaders(200, 0); // no Content-Length: chunked, without end
            try (OutputStream out = exchange.getResponseBody()) {
                while (release.getCount() > 0) {
                    out.write(PAYLOAD); // fails once the client has hung up
                }
            }
        });

        assertThatThrownBy(() -> Download.fetch(uri, target, PAYLOAD_MD5, 250_000, STALL, events))
                .isInstanceOf(LenetException.class)
                .hasMessage(uri + ": more than the 250,000 bytes allowed; stopped");
        assertThat(dir).isEmptyDirectory();
        assertThat(events.list).first().isEqualTo("started -1");
        assertThat(events.progress()).allMatch(n -> n <= 250_000);
    }

    @Test
    void anInterruptEndsTheDownloadPromptly() throws InterruptedException {
        URI uri = serve("/file", partThenWait(1_000));
        CountDownLatch receiving = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread downloading = new Thread(() -> {
            try {
                Download.fetch(uri, target, PAYLOAD_MD5, MAX, Duration.ofMinutes(10), new Events() {
                    @Override
                    public void progressed(long bytesSoFar) {
                        receiving.countDown();
                    }
                });
            } catch (Throwable e) {
                thrown.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        downloading.start();
        assertThat(receiving.await(30, TimeUnit.SECONDS)).isTrue();

        downloading.interrupt();
        downloading.join(10_000); // far less than the ten minutes the stall would take

        assertThat(downloading.isAlive()).isFalse();
        assertThat(thrown.get())
                .isInstanceOf(LenetException.class)
                .hasMessage(uri + ": download interrupted; nothing kept");
        assertThat(((LenetException) thrown.get()).exitCode()).isEqualTo(LenetException.INTERRUPTED);
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFolderThatCannotBeMadeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("data"), "a file, not a folder");
        URI uri = serve("/file", whole(PAYLOAD));

        assertThatThrownBy(() -> Download.fetch(uri, file.resolve("x.gz"), PAYLOAD_MD5, MAX, STALL, events))
                .isInstanceOf(LenetException.class)
                .hasMessage(LenetHome.display(file) + ": cannot write the download of " + uri
                        + " (a file of that name is in the way)");
        assertThat(files()).containsExactly(file);
    }

    private URI serve(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static HttpHandler whole(byte[] body) {
        return exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    /** Promises all of {@link #PAYLOAD}, sends its first {@code sent} bytes, then waits for the test to end. */
    private HttpHandler partThenWait(int sent) {
        return (HttpExchange exchange) -> {
            exchange.sendResponseHeaders(200, PAYLOAD.length);
            exchange.getResponseBody().write(PAYLOAD, 0, sent);
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    private static byte[] realFile() throws IOException {
        Assumptions.assumeTrue(
                Files.isRegularFile(FASHION_LABELS),
                FASHION_LABELS + " is not installed (Debian's dataset-fashion-mnist package)");
        return Files.readAllBytes(FASHION_LABELS);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every call, in order, as text. */
    static class Events implements Download.Listener {
        final List<String> list = new ArrayList<>();

        @Override
        public void started(long totalBytes) {
            list.add("started " + totalBytes);
        }

        @Override
        public void progressed(long bytesSoFar) {
            list.add("progressed " + bytesSoFar);
        }

        @Override
        public void finished() {
            list.add("finished");
        }

        List<Long> progress() {
            return list.stream()
                    .filter(e -> e.startsWith("progressed "))
                    .map(e -> Long.parseLong(e.substring("progressed ".length())))
                    .toList();
        }
    }
}
