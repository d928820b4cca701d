package lenet.core;

/**
 * A failure the user can act on: its message is shown as one line, without a stack trace, and it carries
 * the process exit code.
 */
public class LenetException extends RuntimeException {
    /** A check the user asked for did not pass (for example {@code --min-accuracy}). */
    public static final int FAILED_CHECK = 1;
    /**
     * Not the user's doing: a bug in lenet or an error inside DL4J or ND4J. It shares code 1 with a failed check, as
     * most command-line tools do for a general failure; the message says "internal error".
     */
    public static final int INTERNAL_ERROR = 1;
    /** Bad usage or bad input: a missing, unreadable or malformed file, an impossible option value. */
    public static final int BAD_INPUT = 2;
    /** The user interrupted the run: Ctrl-C (SIGINT), 128 + 2. */
    public static final int INTERRUPTED = 130;
    /** A process supervisor (systemd, Kubernetes, a CI runner) asked the run to end: SIGTERM, 128 + 15. */
    public static final int TERMINATED = 143;

    private final int exitCode;

    public LenetException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LenetException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static LenetException badInput(String message) {
        return new LenetException(BAD_INPUT, message);
    }

    public static LenetException badInput(String message, Throwable cause) {
        return new LenetException(BAD_INPUT, message, cause);
    }

    public static LenetException failedCheck(String message) {
        return new LenetException(FAILED_CHECK, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
