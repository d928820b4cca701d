package lenet.serving;

import java.util.concurrent.Semaphore;
import lenet.model.Classes.Framing;
import lenet.preprocessing.DigitPreprocessor;
import lenet.preprocessing.ImageLoader;
import lenet.preprocessing.UnusableImageException;

/**
 * An image file's bytes made into the 28×28 digit the network sees, exactly as {@code lenet predict} reads a file
 * ({@link ImageLoader#read(byte[])}, then {@link DigitPreprocessor} with the model's framing), for every API of the
 * server: {@code POST /predict}, the Open Inference Protocol's BYTES inputs and TorchServe's {@code /predictions}.
 */
final class ImageReading {
    /** Decoding is CPU work: as many at once as there are cores, so a burst of large images cannot fill the heap. */
    private final Semaphore decoders =
            new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** How a picture is framed for the model: as its dataset's images were. */
    private final Framing framing;

    ImageReading(Framing framing) {
        this.framing = framing;
    }

    /** @throws UnusableImageException with {@code predict}'s words for an image it cannot use */
    DigitPreprocessor.Digit read(byte[] bytes) throws UnusableImageException, InterruptedException {
        decoders.acquire();
        try {
            return DigitPreprocessor.preprocess(ImageLoader.read(bytes), framing);
        } catch (OutOfMemoryError e) {
            throw new UnusableImageException("image too large to process in the available memory");
        } finally {
            decoders.release();
        }
    }
}
