package lenet.pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import lenet.core.AtomicFiles;

/** Writes pictures as PNG files, atomically: a reader (or an image viewer) never sees half a picture. */
public final class Png {
    private Png() {}

    public static void write(BufferedImage image, Path target) {
        AtomicFiles.writeOrFail(target, "picture", out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }
}
