package lenet.preprocessing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Image files in a directory, as predict and eval --images read them. */
public final class ImageInputs {
    private ImageInputs() {}

    /** The image files directly inside {@code dir} (by name ending), sorted by name. */
    public static List<Path> imagesIn(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !Files.isDirectory(p) && ImageLoader.looksLikeImage(p))
                    .sorted()
                    .toList();
        }
    }
}
