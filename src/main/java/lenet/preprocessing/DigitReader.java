package lenet.preprocessing;

import java.nio.file.Path;
import lenet.model.Classes.Framing;

/** Reads one image file as a preprocessed digit, or says why it cannot. */
public final class DigitReader {
    /** A file with its digit, or with the reason it has none. */
    public record Reading(Path file, DigitPreprocessor.Digit digit, String error) {
        public boolean ok() {
            return digit != null;
        }
    }

    private DigitReader() {}

    public static Reading read(Path file) {
        return read(file, Framing.DIGIT);
    }

    /** Reads {@code file} framed as the model's dataset framed its images. */
    public static Reading read(Path file, Framing framing) {
        try {
            return new Reading(file, DigitPreprocessor.preprocess(ImageLoader.read(file), framing), null);
        } catch (UnusableImageException e) {
            return new Reading(file, null, e.getMessage());
        } catch (OutOfMemoryError e) {
            return new Reading(file, null, "image too large to process in the available memory");
        }
    }
}
