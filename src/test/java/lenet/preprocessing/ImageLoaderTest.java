package lenet.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
    @TempDir
    Path dir;

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    static BufferedImage digit() {
        return DigitPreprocessorTest.blackOnWhite(200, 30, 30, 140);
    }

    /** A PNG whose header declares {@code width×height} pixels, followed by no image data. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes())
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13)
                .put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }

    @Test
    void readsPngJpegBmpAndGif() throws Exception {
        for (String format : new String[] {"png", "jpg", "bmp", "gif"}) {
            Path file = Files.write(dir.resolve("seven." + format), encode(digit(), format));

            BufferedImage image = ImageLoader.read(file);

            assertThat(image.getWidth()).as(format).isEqualTo(200);
            assertThat(ImageLoader.looksLikeImage(file)).isTrue();
        }
        assertThat(ImageLoader.looksLikeImage(Path.of("notes.txt"))).isFalse();
        assertThat(ImageLoader.looksLikeImage(Path.of("README"))).isFalse();
    }

    @Test
    void tiffAnd16BitRgbAndRgbaGiveTheDigitThe8BitPngGives() throws Exception {
        BufferedImage rgb8 = lenet.testing.MnistImages.blackOnWhite(0, 160, 300, 240, 90, 30);
        Path png8 = dir.resolve("seven8.png");
        ImageIO.write(rgb8, "png", png8.toFile());
        int[] expected = DigitReader.read(png8).digit().grey();

        Path tiff = dir.resolve("seven.tif");
        assertThat(ImageIO.write(rgb8, "tiff", tiff.toFile()))
                .as("a TIFF writer")
                .isTrue();
        Path rgb16 = dir.resolve("seven-rgb16.png");
        ImageIO.write(sixteenBit(rgb8, false), "png", rgb16.toFile());
        Path rgba16 = dir.resolve("seven-rgba16.png");
        ImageIO.write(sixteenBit(rgb8, true), "png", rgba16.toFile());

        for (Path file : java.util.List.of(tiff, rgb16, rgba16)) {
            DigitReader.Reading reading = DigitReader.read(file);
            assertThat(reading.ok())
                    .as("%s: %s", file.getFileName(), reading.error())
                    .isTrue();
            int[] grey = reading.digit().grey();
            for (int i = 0; i < grey.length; i++) {
                assertThat(grey[i]).as("%s, pixel %d", file.getFileName(), i).isCloseTo(expected[i], within(1));
            }
        }
    }

    /** The same picture with 16 bits per sample (each 8-bit value × 257), opaque alpha when asked. */
    private static BufferedImage sixteenBit(BufferedImage rgb8, boolean alpha) {
        java.awt.image.ComponentColorModel colors = new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
                alpha,
                false,
                alpha ? java.awt.Transparency.TRANSLUCENT : java.awt.Transparency.OPAQUE,
                java.awt.image.DataBuffer.TYPE_USHORT);
        java.awt.image.WritableRaster raster = colors.createCompatibleWritableRaster(rgb8.getWidth(), rgb8.getHeight());
        for (int y = 0; y < rgb8.getHeight(); y++) {
            for (int x = 0; x < rgb8.getWidth(); x++) {
                int p = rgb8.getRGB(x, y);
                raster.setSample(x, y, 0, ((p >> 16) & 0xff) * 257);
                raster.setSample(x, y, 1, ((p >> 8) & 0xff) * 257);
                raster.setSample(x, y, 2, (p & 0xff) * 257);
                if (alpha) {
                    raster.setSample(x, y, 3, 0xffff);
                }
            }
        }
        return new BufferedImage(colors, raster, false, null);
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));

        assertThatThrownBy(() -> ImageLoader.read(file))
                .isInstanceOf(UnusableImageException.class)
                .hasMessage("empty file");
    }

    @Test
    void textWithAnImageNameIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("fake.png"), "this is not a picture");

        assertThatThrownBy(() -> ImageLoader.read(file))
                .hasMessage("not an image lenet can read (PNG, JPEG, BMP, GIF, TIFF)");
    }

    @Test
    void hugeDeclaredSizeIsRefusedBeforeDecoding() throws IOException {
        Path file = Files.write(dir.resolve("bomb.png"), pngHeader(100_000, 100_000));

        assertThatThrownBy(() -> ImageLoader.read(file))
                .hasMessage("image too large (100000×100000 = 10000.0 megapixels; the limit is 50)");
    }

    @Test
    void truncatedPngAndJpegAreRefused() throws IOException {
        byte[] png = encode(digit(), "png");
        byte[] jpeg = encode(digit(), "jpg");
        Path cutPng = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        Path cutJpeg = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));

        assertThatThrownBy(() -> ImageLoader.read(cutPng)).hasMessageStartingWith("damaged or truncated image");
        assertThatThrownBy(() -> ImageLoader.read(cutJpeg)).hasMessageStartingWith("damaged or truncated image");
    }

    /** A JPEG with an EXIF APP1 segment (big-endian TIFF, one IFD entry: orientation) after the JFIF header. */
    static byte[] jpegWithOrientation(BufferedImage image, int orientation) throws IOException {
        byte[] jpeg = encode(image, "jpg");
        ByteBuffer app1 = ByteBuffer.allocate(2 + 2 + 32);
        app1.put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) 34)
                .put("Exif\0\0".getBytes())
                .put("MM".getBytes())
                .putShort((short) 42)
                .putInt(8)
                .putShort((short) 1)
                .putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0)
                .putInt(0);
        int afterApp0 = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterApp0);
        out.write(app1.array());
        out.write(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.toByteArray();
    }

    @Test
    void exifOrientationOfPhonePhotosIsApplied() throws Exception {
        BufferedImage landscape = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = landscape.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 200, 100);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(0, 0, 20, 100); // a bar along the left edge
        g.dispose();
        Path rotated = Files.write(dir.resolve("portrait.jpg"), jpegWithOrientation(landscape, 6));
        Path plain = Files.write(dir.resolve("plain.jpg"), jpegWithOrientation(landscape, 1));

        BufferedImage upright = ImageLoader.read(rotated);
        BufferedImage asStored = ImageLoader.read(plain);

        // orientation 6: turn 90° clockwise, so the left edge becomes the top edge
        assertThat(upright.getWidth()).isEqualTo(100);
        assertThat(upright.getHeight()).isEqualTo(200);
        assertThat(upright.getRGB(50, 5) & 0xff).isLessThan(60);
        assertThat(upright.getRGB(50, 190) & 0xff).isGreaterThan(200);
        assertThat(asStored.getWidth()).isEqualTo(200);
    }

    @Test
    void everyExifOrientationGivesTheUprightSize() {
        BufferedImage image = new BufferedImage(30, 10, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFFFFFF); // mark the stored top-left corner
        int[][] corner = {{0, 0}, {0, 0}, {29, 0}, {29, 9}, {0, 9}, {0, 0}, {9, 0}, {9, 29}, {0, 29}};
        for (int o = 1; o <= 8; o++) {
            BufferedImage upright = ExifOrientation.apply(image, o);
            assertThat(upright.getWidth()).as("orientation %d", o).isEqualTo(o >= 5 ? 10 : 30);
            assertThat(upright.getRGB(corner[o][0], corner[o][1]) & 0xFFFFFF)
                    .as("orientation %d", o)
                    .isEqualTo(0xFFFFFF);
        }
    }

    @Test
    void malformedExifIsIgnored() {
        assertThat(ExifOrientation.fromExif(new byte[] {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0x7f, 0}))
                .isEqualTo(1);
        assertThat(ExifOrientation.fromExif("hello".getBytes())).isEqualTo(1);
    }

    @Test
    void missingFileAndDirectoryAreNamedAsSuch() {
        assertThatThrownBy(() -> ImageLoader.read(dir.resolve("nope.png"))).hasMessage("no such file");
        assertThatThrownBy(() -> ImageLoader.read(dir)).hasMessage("is a directory, not an image");
    }
}
