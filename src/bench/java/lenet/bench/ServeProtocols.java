package lenet.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lenet.core.Json;

/**
 * The same load through each of {@code lenet serve}'s APIs, in one run, the APIs alternated round after round: single
 * 28×28 PNGs of MNIST test digits through {@code POST /predict}, TorchServe's {@code PUT /predictions/NAME}, the Open
 * Inference Protocol's BYTES input as JSON (base64) and as binary tensor data (the same PNG bytes), and the 784 grey
 * levels {@code /predict} saw as an OIP FP32 tensor, as JSON and as binary. Then 64 images in one OIP binary request
 * (BYTES PNGs, and FP32 tensors). Every answer is checked against the class the server gave the image alone through
 * {@code /predict?show=true} before the load.
 *
 * <p>{@code ServeProtocols URL MODEL SECONDS ROUNDS CLIENTS}: one JSON line per API and client count (requests/s, p50,
 * p99 over every round), then one per 64-image row (images/s).
 */
public final class ServeProtocols {
    private static final int IMAGES = 500;
    private static final Pattern OIP_CLASS = Pattern.compile(
            "\"name\":\"class\",\"datatype\":\"BYTES\",\"shape\":\\[\\d+\\]," + "\"data\":\\[\"([^\"]*)\"");
    private static final Pattern PREDICT_CLASS = Pattern.compile("\"class\":\"([^\"]*)\"");
    private static final Pattern FIRST_KEY = Pattern.compile("^\\{\"([^\"]*)\"");

    private ServeProtocols() {}

    /** One API: how a request for image {@code i} is made, and how its answer names the class. */
    record Api(String name, Request request, Pattern answer) {}

    interface Request {
        HttpRequest make(int image);
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String model = args[1];
        int seconds = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int[] clientCounts =
                Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        HttpClient client = ServeLoad.client();
        byte[][] pngs = ServeLoad.pngs();
        String[] expected = new String[IMAGES];
        byte[][] grey = new byte[IMAGES][784];
        for (int i = 0; i < IMAGES; i++) {
            String shown = client.send(
                            post(base.resolve("predict?show=true"), pngs[i], "image/png"),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            expected[i] = match(PREDICT_CLASS, shown);
            String[] levels = shown.substring(
                            shown.indexOf("\"pixels\":[") + 10, shown.indexOf(']', shown.indexOf("\"pixels\":[")))
                    .split(",");
            for (int k = 0; k < 784; k++) {
                grey[i][k] = (byte) Integer.parseInt(levels[k]);
            }
        }
        URI infer = base.resolve("v2/models/" + model + "/infer");
        String outputs = "\"outputs\":[{\"name\":\"class\"}]";
        List<Api> apis = List.of(
                new Api("POST /predict", i -> post(base.resolve("predict"), pngs[i], "image/png"), PREDICT_CLASS),
                new Api(
                        "PUT /predictions (TorchServe)",
                        i -> HttpRequest.newBuilder(base.resolve("predictions/" + model))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(pngs[i]))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        FIRST_KEY),
                new Api(
                        "OIP JSON, BYTES (base64 PNG)",
                        i -> post(
                                infer,
                                ("{\"inputs\":[{\"name\":\"image\",\"datatype\":"
                                                + "\"BYTES\",\"shape\":[1],\"data\":[\""
                                                + Base64.getEncoder().encodeToString(pngs[i]) + "\"]}],"
                                                + outputs + "}")
                                        .getBytes(StandardCharsets.UTF_8),
                                "application/json"),
                        OIP_CLASS),
                new Api(
                        "OIP binary, BYTES (PNG)",
                        i -> binary(infer, "image", "BYTES", "[1]", elements(pngs[i])),
                        OIP_CLASS),
                new Api(
                        "OIP JSON, FP32 [1,784]",
                        i -> post(
                                infer,
                                ("{\"inputs\":[{\"name\":\"pixels\",\"datatype\":\"FP32\","
                                                + "\"shape\":[1,784],\"data\":[" + fp32Text(grey[i]) + "]}]," + outputs
                                                + "}")
                                        .getBytes(StandardCharsets.UTF_8),
                                "application/json"),
                        OIP_CLASS),
                new Api(
                        "OIP binary, FP32 [1,784]",
                        i -> binary(infer, "pixels", "FP32", "[1,784]", fp32(grey[i])),
                        OIP_CLASS));
        Map<String, List<Long>> latencies = new LinkedHashMap<>();
        Map<String, double[]> totals = new LinkedHashMap<>(); // requests, seconds, wrong
        for (Api api : apis) { // warm-up: every path compiled before anything is counted
            run(client, api, expected, 16, 2, new ArrayList<>(), new double[3]);
        }
        for (int round = 0; round < rounds; round++) {
            for (int clients : clientCounts) {
                for (Api api : apis) {
                    String key = api.name() + " @" + clients;
                    run(
                            client,
                            api,
                            expected,
                            clients,
                            seconds,
                            latencies.computeIfAbsent(key, k -> new ArrayList<>()),
                            totals.computeIfAbsent(key, k -> new double[3]));
                }
            }
        }
        for (String key : latencies.keySet()) {
            long[] sorted = latencies.get(key).stream()
                    .mapToLong(Long::longValue)
                    .sorted()
                    .toArray();
            double[] total = totals.get(key);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("api", key.substring(0, key.lastIndexOf(" @")));
            row.put("clients", Integer.parseInt(key.substring(key.lastIndexOf('@') + 1)));
            row.put("requests", (long) total[0]);
            row.put("requests_per_s", Math.round(total[0] / total[1]));
            row.put("p50_ms", ServeLoad.ms(sorted, 0.50));
            row.put("p99_ms", ServeLoad.ms(sorted, 0.99));
            row.put("wrong", (long) total[2]);
            System.out.println(Json.line(row));
        }
        batchRows(client, infer, pngs, grey, expected, seconds * rounds);
    }

    /** 64 images in one OIP binary request, BYTES PNGs and FP32 tensors, at 1 and 2 clients: images/s. */
    private static void batchRows(
            HttpClient client, URI infer, byte[][] pngs, byte[][] grey, String[] expected, int seconds)
            throws InterruptedException {
        int n = 64;
        ByteArrayOutputStream files = new ByteArrayOutputStream();
        ByteArrayOutputStream tensors = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            files.writeBytes(elements(pngs[i]));
            tensors.writeBytes(fp32(grey[i]));
        }
        Pattern all = Pattern.compile("\"data\":\\[(\"[^\\]]*)\\]");
        String want = String.join(
                ",", Arrays.stream(expected, 0, n).map(c -> "\"" + c + "\"").toList());
        for (String kind : List.of("BYTES", "FP32")) {
            HttpRequest request = kind.equals("BYTES")
                    ? binary(infer, "image", "BYTES", "[" + n + "]", files.toByteArray())
                    : binary(infer, "pixels", "FP32", "[" + n + ",784]", tensors.toByteArray());
            Api api = new Api("OIP binary, 64 images " + kind, i -> request, all);
            String[] answers = new String[IMAGES];
            Arrays.fill(answers, want);
            for (int clients : new int[] {1, 2}) {
                run(client, api, answers, clients, 2, new ArrayList<>(), new double[3]);
                List<Long> latencies = new ArrayList<>();
                double[] total = new double[3];
                run(client, api, answers, clients, seconds, latencies, total);
                long[] sorted =
                        latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("api", api.name());
                row.put("clients", clients);
                row.put("requests", (long) total[0]);
                row.put("images_per_s", Math.round(n * total[0] / total[1]));
                row.put("p50_ms", ServeLoad.ms(sorted, 0.50));
                row.put("p99_ms", ServeLoad.ms(sorted, 0.99));
                row.put("wrong", (long) total[2]);
                System.out.println(Json.line(row));
            }
        }
    }

    /** Closed-loop clients for {@code seconds}; adds the latencies, and requests, seconds and wrong answers. */
    private static void run(
            HttpClient client, Api api, String[] expected, int clients, int seconds, List<Long> into, double[] total)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong wrong = new AtomicLong();
        List<List<Long>> mine = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Long> own = new ArrayList<>();
            mine.add(own);
            int id = c;
            threads.add(new Thread(() -> {
                int next = id * 37;
                while (running.get()) {
                    int image = next++ % IMAGES;
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response =
                                client.send(api.request().make(image), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200
                                || !expected[image].equals(match(api.answer(), response.body()))) {
                            wrong.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        wrong.incrementAndGet();
                    }
                    own.add(System.nanoTime() - start);
                }
            }));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        mine.forEach(into::addAll);
        total[0] += mine.stream().mapToInt(List::size).sum();
        total[1] += (System.nanoTime() - start) / 1e9;
        total[2] += wrong.get();
    }

    static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    static HttpRequest post(URI uri, byte[] body, String type) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** An OIP request whose one input is binary tensor data; the class comes back as JSON. */
    static HttpRequest binary(URI infer, String name, String datatype, String shape, byte[] data) {
        byte[] json = ("{\"inputs\":[{\"name\":\"" + name + "\",\"datatype\":\"" + datatype + "\",\"shape\":" + shape
                        + ",\"parameters\":{\"binary_data_size\":" + data.length
                        + "}}],\"outputs\":[{\"name\":\"class\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(json, json.length + data.length);
        System.arraycopy(data, 0, body, json.length, data.length);
        return HttpRequest.newBuilder(infer)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream")
                .header("Inference-Header-Content-Length", Integer.toString(json.length))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** One BYTES element: 4 bytes of little-endian length, then the bytes. */
    static byte[] elements(byte[] file) {
        return ByteBuffer.allocate(4 + file.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(file.length)
                .put(file)
                .array();
    }

    static byte[] fp32(byte[] grey) {
        ByteBuffer out = ByteBuffer.allocate(grey.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (byte g : grey) {
            out.putFloat((g & 0xff) / 255f);
        }
        return out.array();
    }

    static String fp32Text(byte[] grey) {
        StringBuilder out = new StringBuilder();
        for (byte g : grey) {
            out.append(out.isEmpty() ? "" : ",").append((g & 0xff) / 255f);
        }
        return out.toString();
    }
}
