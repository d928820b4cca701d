package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lenet.testing.ChildJvm;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Test;

/** {@code lenet serve} as a user starts and stops it: its usage errors in process, its signals in a child JVM. */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void helpStatesTheRoutesTheLimitsAndEveryDefault() {
        CliRun run = CliRun.of("serve", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")) // a default may wrap onto the next line
                .contains("GET /", "POST /predict", "GET /health", "GET /metrics", "413", "503", "Retry-After")
                .contains("GET /v2", "/v2/health/ready", "POST /v2/models/NAME/infer", "binary_tensor_data")
                .contains("GET /ping", "/predictions/NAME", "--name=NAME", "another name is 404")
                .contains("default: 127.0.0.1", "default: 8080", "default: 64", "default: 2", "default: 256");
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        for (String[] args : List.of(
                new String[] {"serve", "--port", "70000"},
                new String[] {"serve", "--batch-size", "0"},
                new String[] {"serve", "--batch-wait", "-1"},
                new String[] {"serve", "--queue", "0"},
                new String[] {"serve", "--name", "two/parts"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.errLines().get(0)).contains("Invalid value for option '" + args[1] + "'");
            assertThat(run.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingModelIsOneLineNamingTheFile() {
        CliRun run = CliRun.of("serve", "--model", "/no/such/model.zip", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("/no/such/model.zip");
    }

    @Test
    void aPortInUseIsOneLineSayingWhereItCouldNotListen() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun run = CliRun.of("serve", "--model", TestModel.path().toString(), "--port", Integer.toString(port));
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + port);
        }
    }

    @Test
    void sigtermStopsAcceptingAnswersEveryRequestInFlightAndExits143() throws Exception {
        Path err = Files.createTempFile("lenet-serve", ".err");
        Process child = new ProcessBuilder(ChildJvm.command(
                        List.of(),
                        List.of(
                                "serve",
                                "--json",
                                "--port",
                                "0",
                                "--model",
                                TestModel.path().toString())))
                .redirectError(err.toFile())
                .start();
        List<Socket> uploads = new ArrayList<>();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first)
                    .as("startup line; stderr: %s", Files.readString(err))
                    .isNotNull();
            JsonNode startup = JSON.readTree(first);
            URI base = URI.create(startup.get("listening").asText());
            assertThat(base.getHost()).isEqualTo("127.0.0.1");
            // eight uploads in flight, through every API (the model is named by its file: lenet.zip is "lenet"):
            // headers and half of each body sent when the signal arrives
            List<byte[]> images = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] png = MnistImages.png28(i);
                String head = "POST /predict HTTP/1.1\r\nHost: lenet\r\nContent-Type: image/png\r\n";
                if (i == 6) { // the Open Inference Protocol, the file as a binary BYTES element
                    byte[] json = ("{\"inputs\":[{\"name\":\"image\",\"datatype\":\"BYTES\",\"shape\":[1],"
                                    + "\"parameters\":{\"binary_data_size\":" + (4 + png.length) + "}}]}")
                            .getBytes(StandardCharsets.UTF_8);
                    head = "POST /v2/models/lenet/infer HTTP/1.1\r\nHost: lenet\r\nInference-Header-Content-Length: "
                            + json.length + "\r\n";
                    png = java.nio.ByteBuffer.allocate(json.length + 4 + png.length)
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                            .put(json)
                            .putInt(png.length)
                            .put(png)
                            .array();
                } else if (i == 7) { // TorchServe, as curl -T sends it
                    head = "PUT /predictions/lenet HTTP/1.1\r\nHost: lenet\r\n";
                }
                images.add(png);
                Socket socket = new Socket(base.getHost(), base.getPort());
                socket.setSoTimeout(30_000);
                OutputStream body = socket.getOutputStream();
                body.write((head + "Content-Length: " + png.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                body.write(png, 0, png.length / 2);
                body.flush();
                uploads.add(socket);
            }
            awaitInFlight(base, uploads.size());
            new ProcessBuilder("kill", "-TERM", Long.toString(child.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            // stopping: the listener closes while the uploads go on
            long deadline = System.currentTimeMillis() + 20_000;
            boolean refused = false;
            while (!refused && System.currentTimeMillis() < deadline) {
                try (Socket probe = new Socket(base.getHost(), base.getPort())) {
                    Thread.sleep(20);
                } catch (ConnectException e) {
                    refused = true;
                }
            }
            assertThat(refused).as("new connections refused after SIGTERM").isTrue();
            assertThat(child.isAlive()).isTrue();
            for (int i = 0; i < 8; i++) {
                byte[] png = images.get(i);
                OutputStream body = uploads.get(i).getOutputStream();
                body.write(png, png.length / 2, png.length - png.length / 2);
                body.flush();
            }
            for (int i = 0; i < 8; i++) {
                String response =
                        new String(uploads.get(i).getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(response)
                        .startsWith("HTTP/1.1 200")
                        .contains(
                                i < 6
                                        ? "\"digit\":"
                                        : i == 6 ? "\"model_name\":\"lenet\"" : "\"" + MnistImages.label(i) + "\":");
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(143);
            assertThat(Files.readString(err))
                    .contains("stopping: no new connections; answering 8 requests in flight")
                    .contains("stopped");
        } finally {
            for (Socket upload : uploads) {
                upload.close();
            }
            child.destroyForcibly().waitFor();
            Files.deleteIfExists(err);
        }
    }

    /**
     * Waits until the server reports {@code uploads} requests in flight besides the /metrics request that asks (which
     * counts itself): every upload's headers have reached it.
     */
    /**
     * Waits until the server counts the uploads and the asking request in flight. Each question closes its connection
     * and is read to the end: the server has counted its request answered by then, so that the stop that follows finds
     * the uploads alone in flight.
     */
    private static void awaitInFlight(URI base, int uploads) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        double inFlight = 0;
        while (inFlight < uploads + 1 && System.currentTimeMillis() < deadline) {
            String metrics;
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream()
                        .write("GET /metrics HTTP/1.1\r\nHost: lenet\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                metrics = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            inFlight = metrics.lines()
                    .filter(line -> line.startsWith("lenet_requests_in_flight "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                    .findFirst()
                    .orElse(0);
        }
        assertThat(inFlight).as("requests in flight, with the one asking").isEqualTo(uploads + 1.0);
    }
}
