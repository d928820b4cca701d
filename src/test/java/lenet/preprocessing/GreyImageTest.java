package lenet.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The grey levels of a picture, whichever way its pixels are stored, are those of its sRGB colours as Java's own
 * {@code getRGB} gives them: BT.601 luma, flattened onto white by the alpha.
 */
class GreyImageTest {
    /** The oracle: Java's per-pixel colour conversion, then the luma and the white paper, written out here. */
    private static double[][] expected(BufferedImage image) {
        double[][] grey = new double[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                double opacity = (p >>> 24) / 255.0;
                double luma = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                grey[y][x] = opacity * luma + (1 - opacity) * 255;
            }
        }
        return grey;
    }

    private static BufferedImage noise(int type, int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, type);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    private static BufferedImage roundTrip(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, bytes)).isTrue();
        return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void everyPixelLayoutGivesTheGreyOfItsColours() throws IOException {
        BufferedImage[] images = {
            noise(BufferedImage.TYPE_4BYTE_ABGR, 37, 23, 1),
            noise(BufferedImage.TYPE_3BYTE_BGR, 23, 37, 2),
            noise(BufferedImage.TYPE_INT_ARGB, 31, 17, 3),
            noise(BufferedImage.TYPE_INT_RGB, 17, 31, 4),
            noise(BufferedImage.TYPE_4BYTE_ABGR_PRE, 19, 19, 5),
            roundTrip(noise(BufferedImage.TYPE_4BYTE_ABGR, 41, 29, 6), "png"), // the drawing page's pad
            roundTrip(noise(BufferedImage.TYPE_3BYTE_BGR, 29, 41, 7), "png"),
            roundTrip(noise(BufferedImage.TYPE_3BYTE_BGR, 33, 27, 8), "jpg"),
        };
        for (BufferedImage image : images) {
            double[][] grey = GreyImage.read(image);
            double[][] want = expected(image);
            for (int y = 0; y < want.length; y++) {
                assertThat(grey[y])
                        .as("image type %d, row %d", image.getType(), y)
                        .containsExactly(want[y]);
            }
        }
    }

    @Test
    void aPartOfALargerPictureIsReadAsItsOwnPixels() {
        BufferedImage whole = noise(BufferedImage.TYPE_4BYTE_ABGR, 40, 30, 9);
        BufferedImage part = whole.getSubimage(7, 5, 20, 15);

        double[][] grey = GreyImage.read(part);

        assertThat(grey).hasNumberOfRows(15);
        double[][] want = expected(part);
        for (int y = 0; y < want.length; y++) {
            assertThat(grey[y]).as("row %d", y).containsExactly(want[y]);
        }
    }
}
