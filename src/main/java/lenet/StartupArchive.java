package lenet;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.Checkpoints;
import lenet.cli.Cli;
import lenet.core.StopSignal;
import lenet.model.Classes;
import lenet.model.HyperParameters;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The warm-up run for lenet's class-data-sharing archive (it trains nothing): the launcher runs this once after each
 * build under {@code -XX:ArchiveClassesAtExit}, and later runs start from the archive of the classes it loaded, which roughly
 * halves the cold start of {@code lenet predict} (src/site/markdown/performance.md). It goes through what predict,
 * eval and info load: an untrained LeNet-5 saved as a checkpoint in a temporary folder, a drawn digit, then
 * {@code lenet predict} and {@code lenet info} in-process with their output discarded. The project's files are
 * untouched.
 */
public final class StartupArchive {
    private StartupArchive() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true"); // it draws before the command line sets it
        Path dir = Files.createTempDirectory("lenet-cds-");
        try {
            Path model = dir.resolve("model.zip");
            MultiLayerNetwork network =
                    new MultiLayerNetwork(LeNet5.configuration(1, 0.002, 0.7, Classes.MNIST.size()));
            network.init();
            HyperParameters untrained = HyperParameters.plain()
                    .epochs(1)
                    .learningRate(0.002)
                    .seed(1)
                    .valSize(0)
                    .build();
            Checkpoints.save(network, CheckpointMetadata.of(untrained, Classes.MNIST, 0, null, null, null), model);
            Path image = dir.resolve("digit.png");
            ImageIO.write(drawnOne(), "png", image.toFile());
            PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true);
            // no signal handlers: a Ctrl-C during the warm-up ends it and the launcher with it, as for any program
            StopSignal none = StopSignal.none();
            Cli.getCommandLine(discard, discard, none)
                    .execute("predict", "--model", model.toString(), image.toString());
            Cli.getCommandLine(discard, discard, none).execute("info", "--json");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException e) {
                // a temporary folder left behind is harmless
            }
        }
    }

    private static BufferedImage drawnOne() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 64);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(6));
        g.drawLine(32, 10, 32, 54);
        g.dispose();
        return image;
    }
}
