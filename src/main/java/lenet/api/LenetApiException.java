package lenet.api;

/**
 * A failure of the lenet API: a model that cannot be opened, an image that cannot be read as a digit, a training
 * value out of range. Its message is the one line {@code lenet} prints for the same failure (without the
 * {@code lenet: } in front), such as {@code photo.jpg: not an image lenet can read (PNG, JPEG, BMP, GIF, TIFF)}.
 */
public final class LenetApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the one line that says what failed
     * @param cause   what lenet's own code threw, or null
     */
    LenetApiException(String message, Throwable cause) {
        super(message.replaceAll("\\s*\\R\\s*", " "), cause);
    }

    /** The message of {@code e} as the command line prints it, whatever lenet's code threw. */
    static LenetApiException of(RuntimeException e) {
        if (e instanceof LenetApiException known) {
            return known;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof lenet.core.LenetException known) {
                return new LenetApiException(known.getMessage(), e);
            }
        }
        return new LenetApiException("internal error: " + e, e);
    }
}
