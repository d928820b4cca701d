package lenet.cli;

import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.channels.ClosedByInterruptException;
import lenet.core.LenetException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Known failures become one line and their exit code; anything else is an internal error, also one line.
 * Stack traces only with {@code --verbose}.
 */
final class ExecutionExceptionHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = Cli.isVerbose(parseResult);
        if (verbose) {
            ex.printStackTrace(err);
        }
        int code;
        String message;
        LenetException known = find(ex, LenetException.class);
        if (known != null) {
            code = known.exitCode();
            message = known.getMessage();
        } else if (find(ex, InterruptedException.class) != null
                || find(ex, ClosedByInterruptException.class) != null
                || find(ex, InterruptedIOException.class) != null) {
            code = LenetException.INTERRUPTED;
            message = "interrupted";
        } else {
            code = LenetException.INTERNAL_ERROR;
            message = "internal error: " + ex + (verbose ? "" : " (run again with --verbose for details)");
        }
        err.println("lenet: " + message.replaceAll("\\s*\\R\\s*", " "));
        err.flush();
        return code;
    }

    private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
