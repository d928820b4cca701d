package lenet.pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import lenet.core.AtomicFiles;
import lenet.core.LenetException;
import lenet.core.LenetHome;

/** Writes pictures as PNG files, atomically: a reader (or an image viewer) never sees half a picture. */
public final class Png {
    private Png() {
    }

    public static void write(BufferedImage image, Path target) {
        try {
            AtomicFiles.write(target, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer");
                }
            });
        } catch (IOException e) {
            throw LenetException.badInput(LenetHome.display(target) + ": cannot write picture (" + e.getMessage() + ")",
                    e);
        }
    }
}
