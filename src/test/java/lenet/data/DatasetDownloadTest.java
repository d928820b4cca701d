package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import lenet.core.LenetException;
import lenet.testing.MnistImages;
import lenet.testing.SystemPropertyGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset downloaded from a local server ({@code -Dlenet.datasets.mirror}) serving the real files (Debian's
 * Fashion-MNIST, the shipped MNIST) and broken ones: what arrives is checked before it is kept, and a failure leaves
 * nothing a later run would read.
 */
@Timeout(120)
class DatasetDownloadTest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @RegisterExtension
    final SystemPropertyGuard mirror = new SystemPropertyGuard(DatasetDownload.MIRROR);

    @RegisterExtension
    final SystemPropertyGuard home = new SystemPropertyGuard("lenet.home");

    @TempDir
    Path dir;

    HttpServer server;
    /** What the server answers for each file name: its bytes, or null for 404. */
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Names whose answer is cut off halfway through, with the full length promised. */
    final Map<String, Boolean> cut = new ConcurrentHashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        System.setProperty(
                DatasetDownload.MIRROR,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/d/");
        System.setProperty("lenet.home", dir.toString());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String name = Path.of(exchange.getRequestURI().getPath()).getFileName().toString();
        byte[] body = files.get(name);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, cut.containsKey(name) ? body.length / 2 : body.length);
        out.flush();
        exchange.close(); // with a cut answer, closes the connection with half of what was promised sent
    }

    private void serve(Path folder, Dataset dataset) throws IOException {
        for (Dataset.DataFile f : dataset.files) {
            files.put(f.gzName(), Files.readAllBytes(folder.resolve(f.gzName())));
        }
    }

    @Test
    void debiansFashionMnistArrivesVerifiedAndWhole() throws IOException {
        assumeTrue(Files.isDirectory(FASHION), "needs Debian's dataset-fashion-mnist (apt-get install it)");
        serve(FASHION, Dataset.FASHION_MNIST);
        Path target = dir.resolve("data").resolve("fashion-mnist");

        DatasetDownload.into(Dataset.FASHION_MNIST, target, Download.Listener.NONE);

        DatasetFiles.verify(Dataset.FASHION_MNIST, target);
        for (Dataset.DataFile f : Dataset.FASHION_MNIST.files) {
            assertThat(target.resolve(f.gzName())).hasSameBinaryContentAs(FASHION.resolve(f.gzName()));
        }
        assertThat(names(target)).hasSize(4).noneMatch(n -> n.startsWith("."));
    }

    @Test
    void mnistMissingFromTheLenetFolderIsDownloadedThere() throws IOException {
        serve(MnistImages.SHIPPED_DATA, Dataset.MNIST);

        Path found = DatasetFiles.locate(Dataset.MNIST, null, Download.Listener.NONE);

        assertThat(found).isEqualTo(dir.resolve("data").resolve("mnist"));
        assertThat(DatasetFiles.read(Dataset.MNIST, found, false).size()).isEqualTo(10_000);
    }

    @Test
    void aCorruptedFileIsRefusedAndNotKept() throws IOException {
        serve(MnistImages.SHIPPED_DATA, Dataset.MNIST);
        byte[] labels = files.get("t10k-labels-idx1-ubyte.gz").clone();
        labels[labels.length / 2] ^= 0x10;
        files.put("t10k-labels-idx1-ubyte.gz", labels);
        Path target = dir.resolve("data").resolve("mnist");

        assertThatThrownBy(() -> DatasetDownload.into(Dataset.MNIST, target, Download.Listener.NONE))
                .isInstanceOf(LenetException.class)
                .hasMessageContaining("/d/mnist/t10k-labels-idx1-ubyte.gz: ")
                .hasMessageContaining("nothing kept");
        assertThat(names(target)).doesNotContain("t10k-labels-idx1-ubyte.gz").noneMatch(n -> n.startsWith("."));
    }

    @Test
    void aMissingFileOrACutAnswerLeavesNothingOfThatFile() throws IOException {
        serve(MnistImages.SHIPPED_DATA, Dataset.MNIST);
        files.remove("t10k-images-idx3-ubyte.gz");
        Path target = dir.resolve("data").resolve("mnist");

        assertThatThrownBy(() -> DatasetDownload.into(Dataset.MNIST, target, Download.Listener.NONE))
                .hasMessageEndingWith("/d/mnist/t10k-images-idx3-ubyte.gz: answered 404 Not Found");
        assertThat(names(target)).containsExactlyInAnyOrder("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");

        serve(MnistImages.SHIPPED_DATA, Dataset.MNIST);
        cut.put("t10k-images-idx3-ubyte.gz", true);
        assertThatThrownBy(() -> DatasetDownload.into(Dataset.MNIST, target, Download.Listener.NONE))
                .hasMessageContaining("/d/mnist/t10k-images-idx3-ubyte.gz: cut off after");
        assertThat(names(target)).doesNotContain("t10k-images-idx3-ubyte.gz").noneMatch(n -> n.startsWith("."));

        cut.clear(); // a later run fetches what is missing and keeps what it has
        DatasetDownload.into(Dataset.MNIST, target, Download.Listener.NONE);
        DatasetFiles.verify(Dataset.MNIST, target);
    }

    @Test
    void withoutNetworkOneLineSaysWhereFromAndWhereTo() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        System.setProperty(DatasetDownload.MIRROR, "http://127.0.0.1:" + closed + "/d/");

        assertThatThrownBy(() -> DatasetFiles.locate(Dataset.KMNIST, null, Download.Listener.NONE))
                .isInstanceOf(LenetException.class)
                .satisfies(e -> assertThat(((LenetException) e).exitCode()).isEqualTo(2))
                .hasMessageStartingWith("cannot download Kuzushiji-MNIST (http://127.0.0.1:" + closed
                        + "/d/kmnist/train-images-idx3-ubyte.gz: cannot connect (")
                .hasMessageEndingWith(
                        "download its four .gz files from http://127.0.0.1:" + closed + "/d/kmnist/ yourself "
                                + "and put them in " + dir.resolve("data").resolve("kmnist"))
                .hasMessageNotContaining("\n");
        assertThat(names(dir.resolve("data").resolve("kmnist"))).isEmpty();
    }

    @Test
    void fashionMnistWithoutNetworkNamesDebiansPackage() throws IOException {
        Download.Unreachable offline = new Download.Unreachable("http://x/: cannot connect (unknown host x)", null);

        String line = DatasetDownload.noNetwork(Dataset.FASHION_MNIST, dir, offline);

        assertThat(line)
                .endsWith(", or install Debian's dataset-fashion-mnist package (it puts them in "
                        + "/usr/share/datasets/fashion-mnist)");
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
