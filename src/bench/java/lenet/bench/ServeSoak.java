package lenet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import lenet.core.Json;

/**
 * A long, hostile load on a running {@code lenet serve}, then SIGTERM under that load (src/bench/serve-soak runs it).
 *
 * <p>Well-behaved clients send 28×28 PNGs of MNIST test digits one after another, each answer checked against the
 * answer the server gave the same image alone before the load (a wrong digit or a non-200 is wrong, an I/O error
 * lost). Beside them: a client of bad bodies (not an image, a truncated PNG, a text body, a declared 20 MB body, each
 * with its 4xx), one that really sends 11 MB bodies (413), 20 connections that dribble a header byte a second and
 * are dropped and opened again every few seconds, and connections that send half a request and fall silent (the
 * server's idle timeout closes them). Every few seconds the server's resident memory ({@code VmRSS}) and open file
 * descriptors are read from {@code /proc}.
 *
 * <p>After the given time, SIGTERM goes to the server while every client is still sending: each request started
 * before it must be answered, and right; the ones started later may be answered, refused with 503, or find the
 * socket closed.
 *
 * <p>{@code ServeSoak URL PID SECONDS [CLIENTS]}: one JSON document on stdout, a line per sample on stderr; exit 1 if
 * a check failed (the document says which).
 */
public final class ServeSoak {
    private static final int DRIBBLERS = 20;
    /** Descriptors a sample may be above the baseline without a leak: connections being replaced just then. */
    private static final int FD_TOLERANCE = 5;

    private ServeSoak() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        long pid = Long.parseLong(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IllegalArgumentException("no pid " + pid));

        byte[][] pngs = ServeLoad.pngs();
        HttpClient client = ServeLoad.client();
        int[] expected = ServeLoad.aloneAnswers(client, base, pngs);

        Load load = new Load();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            threads.add(new Thread(() -> load.wellBehaved(client, base, pngs, expected, id)));
        }
        Thread bad = new Thread(
                () -> ServeLoad.badRequests(client, base, pngs[0], load.hostile, load.hostileSent, load.unexpected));
        threads.add(bad);
        threads.add(new Thread(() -> load.oversized(base)));
        threads.add(new Thread(() -> load.dribble(base)));
        threads.add(new Thread(() -> load.fallSilent(base)));
        threads.forEach(Thread::start);

        // samples: every 10 s (5 s in runs under two minutes); growth from minute 1 (10 s at the least) to the end
        int every = seconds >= 120 ? 10 : 5;
        int baselineAt = Math.max(10, seconds / 10);
        List<Map<String, Object>> samples = new ArrayList<>();
        long start = System.nanoTime();
        for (int at = every; at <= seconds; at += every) {
            long wake = start + TimeUnit.SECONDS.toNanos(at);
            while (System.nanoTime() < wake) {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wake - System.nanoTime())));
            }
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("s", at);
            sample.put("rss_mb", Math.round(rssKb(pid) / 102.4) / 10.0);
            sample.put("fds", fds(pid));
            sample.put("requests", load.requests.get());
            samples.add(sample);
            System.err.println("serve-soak: " + Json.line(sample));
        }

        // SIGTERM under full load: the well-behaved clients go on until the server is gone. The hostile ones stop
        // first (the bad requests' client counts any I/O error as unexpected, and cannot tell a stopped server).
        load.hostile.set(false);
        bad.join(60_000);
        load.termAt = System.nanoTime();
        server.destroy();
        boolean ended =
                server.onExit().completeOnTimeout(null, 45, TimeUnit.SECONDS).get() != null;
        load.running.set(false);
        for (Thread t : threads) {
            t.join(60_000);
        }

        Map<String, Object> baseline = samples.stream()
                .filter(s -> (int) s.get("s") >= baselineAt)
                .findFirst()
                .orElse(samples.get(0));
        Map<String, Object> last = samples.get(samples.size() - 1);
        double rssGrowth = 100.0 * ((double) last.get("rss_mb") / (double) baseline.get("rss_mb") - 1);
        int fdGrowth = (int) last.get("fds") - (int) baseline.get("fds");
        long[] latencies = load.latencies();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("seconds", seconds);
        report.put("clients", clients);
        report.put("requests", latencies.length);
        report.put("requests_per_s", Math.round(load.beforeTerm.get() / (double) seconds));
        report.put("p50_ms", ServeLoad.ms(latencies, 0.50));
        report.put("p99_ms", ServeLoad.ms(latencies, 0.99));
        report.put("max_ms", ServeLoad.ms(latencies, 1.0));
        report.put("wrong", load.wrong.get());
        report.put("lost", load.lost.get());
        report.put("hostile_requests", load.hostileSent.get());
        report.put("hostile_unexpected", load.unexpected.get());
        report.put("rss_mb_from", baseline.get("rss_mb"));
        report.put("rss_mb_to", last.get("rss_mb"));
        report.put("rss_growth_percent", Math.round(rssGrowth * 10) / 10.0);
        report.put("fds_from", baseline.get("fds"));
        report.put("fds_to", last.get("fds"));
        report.put("growth_from_s", baseline.get("s"));
        Map<String, Object> stop = new LinkedHashMap<>();
        stop.put("in_flight_answered", load.inFlightAnswered.get());
        stop.put("in_flight_lost", load.inFlightLost.get());
        stop.put("later_answered", load.laterAnswered.get());
        stop.put("later_refused", load.laterRefused.get());
        stop.put("server_ended", ended);
        report.put("sigterm", stop);
        report.put("samples", samples);

        List<String> failed = new ArrayList<>();
        check(failed, load.wrong.get() == 0, "wrong answers");
        check(failed, load.lost.get() == 0 && load.inFlightLost.get() == 0, "lost requests");
        check(failed, load.unexpected.get() == 0, "hostile requests answered with the wrong status");
        check(failed, rssGrowth <= 10, "resident memory grew by more than 10%");
        // a leak grows with time; at one instant a few of the connections opened and closed all along may be open
        check(failed, fdGrowth <= FD_TOLERANCE, "open file descriptors grew by more than " + FD_TOLERANCE);
        check(failed, load.inFlightAnswered.get() > 0, "no request was in flight at SIGTERM");
        check(failed, ended, "the server did not end within 45 s of SIGTERM");
        report.put("failed", failed);
        System.out.println(Json.line(report));
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    private static void check(List<String> failed, boolean ok, String what) {
        if (!ok) {
            failed.add(what);
        }
    }

    /** The clients' counts; {@link #termAt} splits the requests into those in flight at SIGTERM and later ones. */
    private static final class Load {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicBoolean hostile = new AtomicBoolean(true);
        final AtomicLong requests = new AtomicLong();
        final AtomicLong beforeTerm = new AtomicLong();
        final AtomicLong wrong = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong hostileSent = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();
        final AtomicLong inFlightAnswered = new AtomicLong();
        final AtomicLong inFlightLost = new AtomicLong();
        final AtomicLong laterAnswered = new AtomicLong();
        final AtomicLong laterRefused = new AtomicLong();
        final List<long[]> perClient = Collections.synchronizedList(new ArrayList<>());
        volatile long termAt = Long.MAX_VALUE;

        void wellBehaved(HttpClient client, URI base, byte[][] pngs, int[] expected, int id) {
            long[] mine = new long[1 << 16];
            int n = 0;
            int next = id * 37;
            while (running.get()) {
                int image = next++ % pngs.length;
                long start = System.nanoTime();
                boolean inFlight = start < termAt;
                try {
                    HttpResponse<String> response = ServeLoad.send(client, base, pngs[image]);
                    boolean right = response.statusCode() == 200 && ServeLoad.digit(response.body()) == expected[image];
                    if (inFlight) {
                        if (!right) {
                            wrong.incrementAndGet();
                        }
                        if (termAt != Long.MAX_VALUE) {
                            inFlightAnswered.incrementAndGet();
                        } else {
                            beforeTerm.incrementAndGet();
                        }
                    } else if (right) {
                        laterAnswered.incrementAndGet();
                    } else if (response.statusCode() == 503) {
                        laterRefused.incrementAndGet();
                    } else {
                        wrong.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    if (!inFlight) {
                        laterRefused.incrementAndGet(); // the listener is closed, or the connection with it
                        if (e instanceof ConnectException) {
                            break; // the server is gone
                        }
                    } else if (termAt != Long.MAX_VALUE) {
                        inFlightLost.incrementAndGet();
                    } else {
                        lost.incrementAndGet();
                    }
                }
                requests.incrementAndGet();
                if (inFlight) {
                    if (n == mine.length) {
                        mine = java.util.Arrays.copyOf(mine, 2 * n);
                    }
                    mine[n++] = System.nanoTime() - start;
                }
            }
            perClient.add(java.util.Arrays.copyOf(mine, n));
        }

        long[] latencies() {
            long[] all = perClient.stream()
                    .flatMapToLong(java.util.Arrays::stream)
                    .sorted()
                    .toArray();
            return all;
        }

        /** Bodies of 11 MB, really sent: the answer must be 413, and the server must not keep them. */
        void oversized(URI base) {
            byte[] chunk = new byte[1 << 16];
            new Random(1).nextBytes(chunk);
            int size = 11 << 20;
            while (hostile.get()) {
                try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                    socket.setSoTimeout(30_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: " + size
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    try {
                        for (int sent = 0; sent < size; sent += chunk.length) {
                            out.write(chunk);
                        }
                    } catch (IOException e) {
                        // the server answered and closed before the body ended: read its answer
                    }
                    InputStream in = socket.getInputStream();
                    String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
                    hostileSent.incrementAndGet();
                    if (!head.startsWith("HTTP/1.1 413")) {
                        unexpected.incrementAndGet();
                    }
                    Thread.sleep(200);
                } catch (IOException e) {
                    if (termAt == Long.MAX_VALUE) {
                        unexpected.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** 20 connections that send a header byte a second; each is dropped after 5–15 s and another opened. */
        void dribble(URI base) {
            Random random = new Random(2);
            List<Socket> sockets = new ArrayList<>();
            List<Long> dropAt = new ArrayList<>();
            try {
                while (hostile.get()) {
                    while (sockets.size() < DRIBBLERS) {
                        Socket socket = new Socket(base.getHost(), base.getPort());
                        socket.getOutputStream()
                                .write("POST /predict HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        sockets.add(socket);
                        dropAt.add(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5_000 + random.nextInt(10_000)));
                        hostileSent.incrementAndGet();
                    }
                    Thread.sleep(1000);
                    for (int i = sockets.size() - 1; i >= 0; i--) {
                        Socket socket = sockets.get(i);
                        boolean drop = System.nanoTime() > dropAt.get(i);
                        if (!drop) {
                            try {
                                socket.getOutputStream().write('X');
                            } catch (IOException e) {
                                drop = true; // closed by the server
                            }
                        }
                        if (drop) {
                            closeQuietly(socket);
                            sockets.remove(i);
                            dropAt.remove(i);
                        }
                    }
                }
            } catch (IOException e) {
                if (termAt == Long.MAX_VALUE) {
                    unexpected.incrementAndGet();
                }
            } catch (InterruptedException e) {
                // ending
            } finally {
                sockets.forEach(ServeSoak::closeQuietly);
            }
        }

        /** Half a request, then silence: the server's idle timeout must close the connection. */
        void fallSilent(URI base) {
            while (hostile.get()) {
                try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                    socket.setSoTimeout(30_000);
                    socket.getOutputStream()
                            .write("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n12345"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                    hostileSent.incrementAndGet();
                    socket.getInputStream().readAllBytes(); // the server's idle timeout ends it
                } catch (IOException e) {
                    if (termAt == Long.MAX_VALUE && !(e instanceof java.net.SocketException)) {
                        unexpected.incrementAndGet(); // a read timeout: the server kept a silent connection 30 s
                    }
                }
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }

    /** The resident size of process {@code pid}, in kB ({@code VmRSS}). */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    private static int fds(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }
}
