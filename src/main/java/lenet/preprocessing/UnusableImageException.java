package lenet.preprocessing;

/** An input that cannot be read as a digit; the message is the reason, without the file name. */
public final class UnusableImageException extends Exception {
    public UnusableImageException(String reason) {
        super(reason);
    }

    public UnusableImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
