package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import lenet.cli.Cli;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logging runs on logback 1.5 through the SLF4J 2 API, and --verbose shows what DL4J and ND4J say. */
class LoggingTest {
    @Test
    void slf4jFindsLogbackAsItsProvider() throws Exception {
        // both only exist from SLF4J 2.0 and logback 1.3 on; a 1.7 API beside logback 1.5 logs nowhere
        assertThat(Class.forName("org.slf4j.spi.SLF4JServiceProvider")).isNotNull();
        assertThat(Class.forName("ch.qos.logback.classic.spi.LogbackServiceProvider"))
                .isNotNull();
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
    }

    @Test
    void verboseShowsTheLibrariesInfoAndQuietHidesIt() {
        assertThat(run("--verbose")).contains(" INFO ");
        assertThat(run()).doesNotContain(" INFO ");
    }

    /** {@code lenet info} with the given options; what it wrote to stderr, where logs go. */
    private static String run(String... options) {
        var previous = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            StringWriter out = new StringWriter();
            String[] args = new String[options.length + 1];
            System.arraycopy(options, 0, args, 0, options.length);
            args[options.length] = "info";
            Cli.getCommandLine(new PrintWriter(out), new PrintWriter(out)).execute(args);
            // a logger of DL4J's, at INFO: shown only when verbose
            org.slf4j.LoggerFactory.getLogger("org.deeplearning4j.lenet").info("probe");
        } finally {
            System.setErr(previous);
        }
        return captured.toString();
    }
}
