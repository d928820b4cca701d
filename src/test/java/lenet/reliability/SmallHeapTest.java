package lenet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import lenet.testing.ChildJvm;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image within the pixel limit can still be too large for a small heap: a 4,000 × 4,000 PNG with 16-bit RGBA
 * needs 128 MB decoded. With a 96 MB heap, predict must say so in one line, not print an OutOfMemoryError.
 */
class SmallHeapTest {
    @TempDir
    Path dir;

    @Test
    void anImageTooLargeForTheHeapIsOneLine() throws Exception {
        ComponentColorModel colors = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB),
                true,
                false,
                Transparency.TRANSLUCENT,
                DataBuffer.TYPE_USHORT);
        WritableRaster raster = colors.createCompatibleWritableRaster(4_000, 4_000);
        java.util.Arrays.fill(((DataBufferUShort) raster.getDataBuffer()).getData(), (short) 0xffff);
        Path big = dir.resolve("big16.png");
        ImageIO.write(new BufferedImage(colors, raster, false, null), "png", big.toFile());
        Path model = TestModel.untrained(dir.resolve("m.zip"));

        // output to files and a timeout that fires, even when the child hangs with its pipes full
        ChildJvm.Result child = ChildJvm.run(
                List.of("-Xmx96m"), Map.of(), List.of("predict", "--model", model.toString(), big.toString()), 60);
        String out = child.out();
        String err = child.err();

        assertThat(child.exitCode()).as(err).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err.strip().lines().toList())
                .singleElement()
                .asString()
                .startsWith("lenet: " + big + ": image too large to decode in a ")
                .endsWith("MB Java heap; give more with LENET_JAVA_OPTS=-Xmx2g");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).as("no file written").isEqualTo(2);
        }
    }
}
