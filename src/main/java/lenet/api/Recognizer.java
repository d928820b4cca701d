package lenet.api;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import lenet.core.LenetHome;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.inference.Normalize;
import lenet.model.InputScaling;
import lenet.prediction.Predictor;
import lenet.preprocessing.DigitPreprocessor;
import lenet.preprocessing.DigitReader;
import lenet.preprocessing.ImageLoader;
import lenet.preprocessing.UnusableImageException;

/**
 * A model, opened once, that reads the class of images: a digit for an MNIST model, a garment for a Fashion-MNIST
 * one. Images are prepared exactly as {@code lenet predict} prepares them (flattened, inverted when dark on light,
 * cropped to the ink, fitted and centred as the model's dataset was made), so that an answer here is the answer
 * {@code lenet predict} gives for the same file.
 *
 * <p>Safe to use from any number of threads: a lenet model computes one call at a time, an ONNX model (on ONNX
 * Runtime) several at once. The batch methods run their images in one pass of the model, which is faster than one
 * call per image. Close it when done: a closed recognizer refuses further calls.
 *
 * <pre>{@code
 * try (Recognizer recognizer = Recognizer.open(Path.of("models/lenet.zip"))) {
 *     Recognition digit = recognizer.recognize(Path.of("seven.jpg"));
 *     System.out.println(digit.name() + " " + digit.probability());
 * }
 * }</pre>
 */
public final class Recognizer implements AutoCloseable {
    /** Pixels of an image the model takes: 28 × 28, row by row. */
    public static final int PIXELS = InputScaling.PIXELS;

    private final ReentrantReadWriteLock open = new ReentrantReadWriteLock();
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final boolean threadSafe;
    private volatile Classifier classifier; // null once closed

    private Recognizer(Classifier classifier) {
        this.classifier = classifier;
        this.threadSafe = Classifiers.ONNX_RUNTIME.equals(classifier.runtime());
    }

    /**
     * Opens a model: a lenet model ({@code .zip}, as {@code lenet train} writes it) or an ONNX classifier
     * ({@code .onnx}, from {@code lenet export} or another tool, run on ONNX Runtime).
     *
     * @param model the model's file
     * @return a recognizer of that model's classes
     * @throws LenetApiException when the file is missing or not a model lenet can run, with the message
     *                           {@code lenet eval --model FILE} prints
     */
    public static Recognizer open(Path model) {
        return open(model, 1);
    }

    /**
     * Opens a model as {@link #open(Path)} does, for an ONNX model that takes its pixels in another range, as
     * {@code --input-range} does.
     *
     * @param model      the model's file
     * @param inputRange the pixel value of full ink the model takes, background 0: 1 (grey/255, as
     *                   {@link #open(Path)}) or 255 (grey 0–255, as the ONNX model zoo's MNIST models take it; for an
     *                   ONNX model only)
     * @return a recognizer of that model's classes
     * @throws IllegalArgumentException when {@code inputRange} is neither 1 nor 255
     * @throws LenetApiException        when the file is missing or not a model lenet can run, or a lenet model is
     *                                  given an input range of 255
     */
    public static Recognizer open(Path model, int inputRange) {
        Objects.requireNonNull(model, "model");
        if (inputRange != 1 && inputRange != 255) {
            throw new IllegalArgumentException("inputRange " + inputRange + " is not 1 or 255");
        }
        try {
            return new Recognizer(Classifiers.load(model, inputRange == 255 ? Normalize.GREY_0_255 : null));
        } catch (RuntimeException e) {
            throw LenetApiException.of(e);
        }
    }

    /** @return the model's class names, in the order of its outputs: {@code "0"} to {@code "9"} for digits */
    public List<String> classes() {
        return live().classes().names();
    }

    /** @return the dataset the model learnt from: {@code mnist}, {@code fashion-mnist}, or {@code images:} and a folder */
    public String dataset() {
        return live().classes().dataset();
    }

    /**
     * @param imageFile a PNG, JPEG, BMP, GIF or TIFF file
     * @return what the model reads in it
     * @throws LenetApiException when the file cannot be read as an image of one thing, with the line
     *                           {@code lenet predict} prints for it: {@code FILE: reason}
     */
    public Recognition recognize(Path imageFile) {
        return recognizeFiles(List.of(imageFile)).get(0);
    }

    /**
     * @param encodedImage the bytes of a PNG, JPEG, BMP, GIF or TIFF file
     * @return what the model reads in it
     * @throws LenetApiException when the bytes are not an image of one thing; the message is the reason
     */
    public Recognition recognize(byte[] encodedImage) {
        return recognizeEncoded(List.of(encodedImage)).get(0);
    }

    /**
     * @param image a picture of any size and type
     * @return what the model reads in it
     * @throws LenetApiException when the picture shows nothing to read (a blank page); the message is the reason
     */
    public Recognition recognize(BufferedImage image) {
        return recognizeImages(List.of(image)).get(0);
    }

    /**
     * @param pixels a ready 28×28 image, row by row, in lenet's (and MNIST's) scaling: 0 the background, 1 full ink
     * @return what the model reads in it
     * @throws LenetApiException when there are not {@value #PIXELS} values, or one is outside 0 to 1
     */
    public Recognition recognizePixels(float[] pixels) {
        return recognizePixels(List.of(pixels)).get(0);
    }

    /**
     * Prepares an image file as {@link #recognize(Path)} does, without running the model: the 28×28 image the model
     * would see (what {@code lenet predict --save-preprocessed} writes). Preparing several files and giving them to
     * {@link #recognizePixels(List)} in one batch is what {@code lenet predict} does.
     *
     * @param imageFile a PNG, JPEG, BMP, GIF or TIFF file
     * @return 28×28 pixels, row by row, 0 the background and 1 full ink, as {@link #recognizePixels(float[])} takes
     * @throws LenetApiException when the file cannot be read as an image of one thing, with the line
     *                           {@code lenet predict} prints for it: {@code FILE: reason}
     */
    public float[] prepare(Path imageFile) {
        DigitReader.Reading reading =
                DigitReader.read(imageFile, live().classes().framing());
        if (!reading.ok()) {
            throw new LenetApiException(LenetHome.display(imageFile) + ": " + reading.error(), null);
        }
        return reading.digit().input();
    }

    /**
     * @param imageFiles image files, read as {@link #recognize(Path)} reads one
     * @return what the model reads in each, in order, from one pass of the model
     * @throws LenetApiException for the first file that cannot be read, with the line {@code lenet predict} prints
     */
    public List<Recognition> recognizeFiles(List<Path> imageFiles) {
        List<float[]> inputs = new ArrayList<>(imageFiles.size());
        for (Path file : imageFiles) {
            inputs.add(prepare(file));
        }
        return run(inputs);
    }

    /**
     * @param encodedImages the bytes of image files, read as {@link #recognize(byte[])} reads one
     * @return what the model reads in each, in order, from one pass of the model
     * @throws LenetApiException for the first that cannot be read; the message is the reason
     */
    public List<Recognition> recognizeEncoded(List<byte[]> encodedImages) {
        Classifier model = live();
        List<float[]> inputs = new ArrayList<>(encodedImages.size());
        for (byte[] bytes : encodedImages) {
            try {
                inputs.add(DigitPreprocessor.preprocess(
                                ImageLoader.read(bytes), model.classes().framing())
                        .input());
            } catch (UnusableImageException e) {
                throw new LenetApiException(e.getMessage(), e);
            }
        }
        return run(inputs);
    }

    /**
     * @param images pictures, read as {@link #recognize(BufferedImage)} reads one
     * @return what the model reads in each, in order, from one pass of the model
     * @throws LenetApiException for the first that shows nothing to read; the message is the reason
     */
    public List<Recognition> recognizeImages(List<BufferedImage> images) {
        Classifier model = live();
        List<float[]> inputs = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            try {
                inputs.add(DigitPreprocessor.preprocess(
                                Objects.requireNonNull(image, "image"),
                                model.classes().framing())
                        .input());
            } catch (UnusableImageException e) {
                throw new LenetApiException(e.getMessage(), e);
            }
        }
        return run(inputs);
    }

    /**
     * @param images ready 28×28 images, as {@link #recognizePixels(float[])} takes one
     * @return what the model reads in each, in order, from one pass of the model
     * @throws LenetApiException for the first image that is not {@value #PIXELS} values from 0 to 1
     */
    public List<Recognition> recognizePixels(List<float[]> images) {
        live();
        for (int i = 0; i < images.size(); i++) {
            float[] pixels = images.get(i);
            String which = images.size() == 1 ? "pixels" : "pixels of image " + i;
            if (pixels.length != PIXELS) {
                throw new LenetApiException(
                        which + ": " + pixels.length + " values, expected " + PIXELS + " (28×28, row by row)", null);
            }
            for (int p = 0; p < PIXELS; p++) {
                if (!(pixels[p] >= 0 && pixels[p] <= 1)) {
                    throw new LenetApiException(
                            which + ": value " + pixels[p] + " at " + p + " is outside 0 to 1 (0 background, 1 ink)",
                            null);
                }
            }
        }
        return run(images);
    }

    /**
     * Waits for calls under way to end, then frees the model's native memory: an ONNX model's session, a lenet
     * model's arrays (off the Java heap, in ND4J) and the oneDNN primitives that ran it. Calling it again does nothing.
     */
    @Override
    public void close() {
        open.writeLock().lock();
        try {
            if (classifier != null) {
                classifier.close();
                classifier = null;
            }
        } finally {
            open.writeLock().unlock();
        }
    }

    private List<Recognition> run(List<float[]> inputs) {
        open.readLock().lock();
        try {
            Classifier model = live();
            if (!threadSafe) {
                oneAtATime.lock();
            }
            try {
                return Predictor.predictInputs(model, inputs).stream()
                        .map(Recognition::new)
                        .toList();
            } finally {
                if (!threadSafe) {
                    oneAtATime.unlock();
                }
            }
        } catch (RuntimeException e) {
            throw LenetApiException.of(e);
        } finally {
            open.readLock().unlock();
        }
    }

    private Classifier live() {
        Classifier model = classifier;
        if (model == null) {
            throw new LenetApiException("this recognizer is closed", null);
        }
        return model;
    }
}
