package lenet.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.data.Download;
import lenet.data.ImageSource;
import org.nd4j.linalg.dataset.DataSet;

/** MNIST test digits re-rendered the way people's images look: dark ink on white paper, any size and place. */
public final class MnistImages {
    /** The shipped MNIST folder, found from the build's working directory whatever {@code lenet.home} says. */
    public static final Path SHIPPED_DATA = Path.of(System.getProperty("user.dir"), "data", "mnist");

    private static DataSet test;
    private static Path raw;

    private MnistImages() {}

    /**
     * The shipped MNIST files unpacked (lenet reads the {@code .gz} in place and never unpacks them), for DL4J's own
     * reader and for tests that alter one: {@code target/mnist-raw}, made once per build.
     */
    public static synchronized Path rawData() {
        if (raw == null) {
            Path dir = Path.of(System.getProperty("user.dir"), "target", "mnist-raw");
            try {
                Files.createDirectories(dir);
                for (Dataset.DataFile file : Dataset.MNIST.files) {
                    Path target = dir.resolve(file.name());
                    if (!Files.isRegularFile(target)) {
                        Path tmp = Files.createTempFile(dir, file.name(), ".tmp");
                        try (InputStream in =
                                new GZIPInputStream(Files.newInputStream(SHIPPED_DATA.resolve(file.gzName())))) {
                            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        }
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            raw = dir;
        }
        return raw;
    }

    /** The shipped MNIST as a training run's images, found as lenet finds it (data/mnist in the lenet folder). */
    public static ImageSource source() {
        return ImageSource.of(Dataset.MNIST, null, Download.Listener.NONE);
    }

    /** The shipped MNIST as a training run's images, read from the build's own folder whatever lenet.home says. */
    public static ImageSource shippedSource() {
        return ImageSource.of(Dataset.MNIST, SHIPPED_DATA, Download.Listener.NONE);
    }

    private static synchronized DataSet test() {
        if (test == null) {
            test = DatasetFiles.read(Dataset.MNIST, SHIPPED_DATA, false).all();
        }
        return test;
    }

    public static int label(int index) {
        return test().getLabels().getRow(index).argMax().getInt(0);
    }

    /** The test digit scaled to {@code size}×{@code size} (bilinear), black on a white canvas at (x, y). */
    public static BufferedImage blackOnWhite(int index, int size, int canvasW, int canvasH, int x, int y) {
        float[] pixels = test().getFeatures().getRow(index).toFloatVector();
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            small.getRaster().setSample(i % 28, i / 28, 0, 255 - Math.round(pixels[i] * 255));
        }
        BufferedImage canvas = new BufferedImage(canvasW, canvasH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, canvasW, canvasH);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, x, y, size, size, null);
        g.dispose();
        return canvas;
    }

    /** The test digit as a 28×28 PNG file's bytes, black on white: what a client of {@code lenet serve} sends. */
    public static byte[] png28(int index) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            ImageIO.write(blackOnWhite(index, 28, 28, 28, 0, 0), "png", bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes PNG, or JPEG at quality 0.85 (a typical camera/app setting). */
    public static void write(BufferedImage image, String format, Path file) throws IOException {
        write(image, format, file, 0.85f);
    }

    /** Writes any ImageIO format; JPEG ({@code jpg}) at the given quality. */
    public static void write(BufferedImage image, String format, Path file, float jpegQuality) throws IOException {
        if (!format.equals("jpg")) {
            ImageIO.write(image, format, file.toFile());
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(jpegQuality);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
