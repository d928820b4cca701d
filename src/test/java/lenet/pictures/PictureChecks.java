package lenet.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** What tests check of a picture: that it is a readable PNG of the expected size with real content. */
public final class PictureChecks {
    private PictureChecks() {}

    public static BufferedImage read(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s is a PNG", png).isNotNull();
        return image;
    }

    /** Not blank: many colours, and a fair share of pixels that are not the background white. */
    public static void assertNotBlank(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                inked += rgb == 0xffffff ? 0 : 1;
            }
        }
        assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
        assertThat(inked).as("non-white pixels").isGreaterThan((long) image.getWidth() * image.getHeight() / 50);
    }

    /** Pixels in the rectangle within {@code tolerance} of {@code colour} on each channel. */
    public static int count(BufferedImage image, int x0, int y0, int w, int h, Color colour, int tolerance) {
        int n = 0;
        for (int y = y0; y < Math.min(image.getHeight(), y0 + h); y++) {
            for (int x = x0; x < Math.min(image.getWidth(), x0 + w); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) <= tolerance
                        && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
                        && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }
}
