package lenet.preprocessing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import lenet.core.IoErrors;

/**
 * Reads an image with ImageIO after checking what it claims to be: a file that is empty, not an image, declares
 * more than {@link #MAX_PIXELS} pixels, or is truncated is refused with the reason, before any large buffer is
 * allocated.
 */
public final class ImageLoader {
    /** Images declaring more pixels than this (50 megapixels) are refused before they are decoded. */
    public static final long MAX_PIXELS = 50_000_000L;

    static {
        ImageIO.setUseCache(false);
    }

    private ImageLoader() {}

    /** File name endings of the formats ImageIO can read here, for expanding directories. */
    public static boolean looksLikeImage(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String suffix = name.substring(dot + 1);
        for (String known : ImageIO.getReaderFileSuffixes()) {
            if (known.equalsIgnoreCase(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static UnusableImageException tooLargeForTheHeap(OutOfMemoryError e) {
        return new UnusableImageException(
                String.format(
                        java.util.Locale.ROOT,
                        "image too large to decode in a " + "%d MB Java heap; give more with LENET_JAVA_OPTS=-Xmx2g",
                        Runtime.getRuntime().maxMemory() >> 20),
                e);
    }

    public static BufferedImage read(Path path) throws UnusableImageException {
        if (Files.isDirectory(path)) {
            throw new UnusableImageException("is a directory, not an image");
        }
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new UnusableImageException("no such file");
        } catch (IOException e) {
            throw new UnusableImageException("cannot read (" + IoErrors.describe(e) + ")");
        }
        if (size == 0) {
            throw new UnusableImageException("empty file");
        }
        try (InputStream stream = Files.newInputStream(path)) {
            return decode(stream);
        } catch (AccessDeniedException e) {
            throw new UnusableImageException("cannot read (permission denied)", e);
        } catch (IOException e) {
            throw new UnusableImageException("cannot read (" + IoErrors.describe(e) + ")", e);
        }
    }

    /** The same checks and decoding for an image held in memory (an upload to {@code lenet serve}). */
    public static BufferedImage read(byte[] bytes) throws UnusableImageException {
        if (bytes.length == 0) {
            throw new UnusableImageException("empty image (no bytes)");
        }
        return decode(new ByteArrayInputStream(bytes));
    }

    private static BufferedImage decode(InputStream stream) throws UnusableImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(stream)) {
            Iterator<ImageReader> readers =
                    in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnusableImageException("not an image lenet can read (PNG, JPEG, BMP, GIF, TIFF)");
            }
            ImageReader reader = readers.next();
            try {
                java.util.List<String> warnings = new java.util.ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new UnusableImageException("image has no pixels (" + width + "×" + height + ")");
                }
                if (width * height > MAX_PIXELS) {
                    throw new UnusableImageException(String.format(
                            java.util.Locale.ROOT,
                            "image too large (%d×%d = %.1f megapixels; the limit is %d)",
                            width,
                            height,
                            width * height / 1e6,
                            MAX_PIXELS / 1_000_000));
                }
                BufferedImage image = reader.read(0);
                int orientation = ExifOrientation.NORMAL;
                try {
                    orientation = ExifOrientation.of(reader.getImageMetadata(0));
                } catch (IOException | RuntimeException e) {
                    // unreadable metadata: keep the pixels as stored
                }
                if (image == null) {
                    throw new UnusableImageException("image could not be decoded");
                }
                for (String warning : warnings) {
                    // The JPEG reader fills a truncated image with grey and only warns; other warnings
                    // (extraneous bytes between markers, common in camera files) leave the picture intact.
                    String lower = warning.toLowerCase(java.util.Locale.ROOT);
                    if (lower.contains("premature end") || lower.contains("truncated")) {
                        throw new UnusableImageException("damaged or truncated image (" + warning + ")");
                    }
                }
                return ExifOrientation.apply(image, orientation);
            } finally {
                reader.dispose();
            }
        } catch (OutOfMemoryError e) {
            throw tooLargeForTheHeap(e);
        } catch (IOException | RuntimeException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof OutOfMemoryError oom) {
                    throw tooLargeForTheHeap(oom); // ImageIO wraps it: "Caught exception during read"
                }
            }
            // ImageIO reports truncated and corrupt data as IIOException, EOFException or runtime exceptions.
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UnusableImageException("damaged or truncated image (" + detail.strip() + ")", e);
        }
    }
}
