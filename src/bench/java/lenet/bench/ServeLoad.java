package lenet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lenet.core.Json;
import lenet.testing.MnistImages;

/**
 * Load on a running {@code lenet serve}: closed-loop clients, each sending 28×28 PNGs of MNIST test digits one after
 * another, for a fixed time; requests/s, p50/p99 latency, and every answer checked against the answer the server
 * gave the same image alone before the load (a wrong digit or a non-200 counts as wrong; an exception as lost).
 * With {@code hostile}, two more clients run beside them: one sending bad requests (not an image, a truncated PNG,
 * a declared 20 MB body, a text body) that must get 400/413/415, and one holding slow connections that dribble
 * header bytes.
 *
 * <p>{@code ServeLoad URL SECONDS ROW[,ROW...]}, a row being a client count with an optional {@code :hostile},
 * {@code :bad} or {@code :slow}: one JSON line per row, after 5 s of warm-up at 16 clients (the server's JIT).
 */
public final class ServeLoad {
    private static final int IMAGES = 500;
    private static final Pattern DIGIT = Pattern.compile("\"digit\":(\\d)");

    private static boolean bad;
    private static boolean slow;

    private ServeLoad() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int seconds = Integer.parseInt(args[1]);
        String[] rows = args[2].split(",");
        byte[][] pngs = pngs();
        HttpClient client = client();
        int[] expected = aloneAnswers(client, base, pngs);
        run(client, base, pngs, expected, 16, 5, false);
        for (String row : rows) {
            int clients = Integer.parseInt(row.split(":")[0]);
            String mode = row.contains(":") ? row.split(":")[1] : "clean";
            bad = mode.equals("hostile") || mode.equals("bad");
            slow = mode.equals("hostile") || mode.equals("slow");
            run(client, base, pngs, expected, clients, 2, false);
            System.out.println(Json.line(run(client, base, pngs, expected, clients, seconds, bad || slow)));
        }
    }

    /** The first 500 MNIST test digits as 28×28 PNGs, what the clients send. */
    static byte[][] pngs() {
        byte[][] pngs = new byte[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            pngs[i] = MnistImages.png28(i);
        }
        return pngs;
    }

    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The digit the server reads in each image sent alone, before any load: the answers under load must match. */
    static int[] aloneAnswers(HttpClient client, URI base, byte[][] pngs) throws IOException, InterruptedException {
        int[] expected = new int[pngs.length];
        for (int i = 0; i < pngs.length; i++) {
            expected[i] = digit(send(client, base, pngs[i]).body());
        }
        return expected;
    }

    static HttpResponse<String> send(HttpClient client, URI base, byte[] png) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(base.resolve("predict"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(png))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int digit(String body) {
        Matcher m = DIGIT.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Map<String, Object> run(
            HttpClient client, URI base, byte[][] pngs, int[] expected, int clients, int seconds, boolean hostile)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong wrong = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        AtomicLong hostileSent = new AtomicLong();
        AtomicLong hostileUnexpected = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[clients];
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            int id = c;
            threads.add(new Thread(() -> {
                int n = 0;
                int next = id * 37;
                while (running.get()) {
                    int image = next++ % pngs.length;
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = send(client, base, pngs[image]);
                        if (response.statusCode() != 200 || digit(response.body()) != expected[image]) {
                            wrong.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        lost.incrementAndGet();
                    }
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - start;
                    }
                }
                counts[id] = n;
            }));
        }
        if (hostile && bad) {
            threads.add(new Thread(() -> badRequests(client, base, pngs[0], running, hostileSent, hostileUnexpected)));
        }
        if (hostile && slow) {
            threads.add(new Thread(() -> slowConnections(base, running, hostileSent)));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clients", clients);
        result.put("hostile", hostile);
        result.put("requests", total);
        result.put("requests_per_s", Math.round(total / elapsed));
        result.put("p50_ms", ms(all, 0.50));
        result.put("p99_ms", ms(all, 0.99));
        result.put("max_ms", ms(all, 1.0));
        result.put("wrong", wrong.get());
        result.put("lost", lost.get());
        result.put("hostile_requests", hostileSent.get());
        result.put("hostile_unexpected", hostileUnexpected.get());
        return result;
    }

    static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, index)] / 1e4) / 100.0;
    }

    /** Bad requests one after another; each must be refused with its status, and the server must live on. */
    static void badRequests(
            HttpClient client, URI base, byte[] png, AtomicBoolean running, AtomicLong sent, AtomicLong unexpected) {
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        byte[] text = "not an image".getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (running.get()) {
            try {
                int status;
                int want;
                switch (i++ % 4) {
                    case 0 -> {
                        status = post(client, base, text, "image/png");
                        want = 400;
                    }
                    case 1 -> {
                        status = post(client, base, truncated, "image/png");
                        want = 400;
                    }
                    case 2 -> {
                        status = post(client, base, text, "text/plain");
                        want = 415;
                    }
                    default -> {
                        status = declaredTooLarge(base);
                        want = 413;
                    }
                }
                sent.incrementAndGet();
                if (status != want) {
                    unexpected.incrementAndGet();
                }
                Thread.sleep(5);
            } catch (IOException | InterruptedException e) {
                unexpected.incrementAndGet();
            }
        }
    }

    private static int post(HttpClient client, URI base, byte[] body, String type)
            throws IOException, InterruptedException {
        return client.send(
                        HttpRequest.newBuilder(base.resolve("predict"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", type)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Declares a 20 MB body and sends none of it: the answer must be 413 at once. */
    private static int declaredTooLarge(URI base) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 20000000\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return Integer.parseInt(new String(head, StandardCharsets.ISO_8859_1).substring(9, 12));
        }
    }

    /** 20 connections that send a header byte every second and never finish their request. */
    private static void slowConnections(URI base, AtomicBoolean running, AtomicLong sent) {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                socket.getOutputStream()
                        .write("POST /predict HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                sockets.add(socket);
                sent.incrementAndGet();
            }
            while (running.get()) {
                Thread.sleep(1000);
                for (Socket socket : sockets) {
                    try {
                        socket.getOutputStream().write('X');
                    } catch (IOException e) {
                        // closed by the server: what it should do to a client this slow, in time
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the server refused a slow connection: fine
        } finally {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing
                }
            }
        }
    }
}
