package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import lenet.core.LenetException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the user sees of a failure that is not theirs: one line, exit 1, the stack trace only with --verbose. */
class ExecutionExceptionHandlerTest {
    @Test
    void anUnexpectedExceptionIsAnInternalErrorWithExit1InOneLine() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Cli.getCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
        CommandLine.ParseResult parsed = commandLine.parseArgs("info");

        int code = new ExecutionExceptionHandler()
                .handleExecutionException(new IllegalStateException("boom"), commandLine, parsed);

        assertThat(code).isEqualTo(1).isEqualTo(LenetException.INTERNAL_ERROR);
        assertThat(err.toString().lines())
                .containsExactly("lenet: internal error: java.lang.IllegalStateException: boom (run again with "
                        + "--verbose for details)");
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Cli.getCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
        CommandLine.ParseResult parsed = commandLine.parseArgs("--verbose", "info");

        int code = new ExecutionExceptionHandler()
                .handleExecutionException(new IllegalStateException("boom"), commandLine, parsed);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("\tat lenet.cli.ExecutionExceptionHandlerTest")
                .endsWith("lenet: internal error: java.lang.IllegalStateException: boom" + System.lineSeparator());
    }
}
