package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lenet.testing.LenetChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while {@code lenet train --dataset} downloads, in a real process with a real signal: the download ends at
 * once, exit 130, and nothing is left that a later run would read (nor any hidden part of it).
 */
@Timeout(180)
class DownloadInterruptTest {
    @TempDir
    Path home;

    @Test
    void ctrlCDuringADownloadEndsItAndLeavesNothing() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 10_000_000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[100_000]);
            out.flush();
            sending.countDown();
            try {
                end.await(150, TimeUnit.SECONDS); // the rest never comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/copy/";
            LenetChild child = LenetChild.start(
                    List.of("-Dlenet.home=" + home, "-Dlenet.datasets.mirror=" + mirror),
                    List.of("train", "--dataset", "kmnist", "--epochs", "1"));
            assertThat(sending.await(120, TimeUnit.SECONDS))
                    .as("the download started")
                    .isTrue();

            child.signal("INT");

            assertThat(child.exitCode()).as(child.err()).isEqualTo(130);
            assertThat(child.lastErrLine()).contains("/copy/kmnist/train-images-idx3-ubyte.gz: download interrupted");
            Path data = home.resolve("data").resolve("kmnist");
            try (Stream<Path> left = Files.isDirectory(data) ? Files.list(data) : Stream.empty()) {
                assertThat(left).as("files left in %s", data).isEmpty();
            }
            assertThat(home.resolve("models").resolve("kmnist.zip")).doesNotExist();
        } finally {
            end.countDown();
            server.stop(0);
        }
    }
}
