package lenet.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiet by default: DL4J, ND4J and JavaCPP report only errors. {@code --verbose} turns their INFO output on.
 * Call before ND4J is first touched, since its backend announces itself while loading.
 */
public final class Logging {
    private static final String[] LIBRARIES = {"org.nd4j", "org.deeplearning4j", "org.datavec", "org.bytedeco"};

    /**
     * The HTTP server's libraries (lenet serve): silent unless verbose, as lenet reports what they would (a port in
     * use, a failed request) in its own words.
     */
    private static final String[] SERVER_LIBRARIES = {"org.eclipse.jetty", "io.javalin"};

    private Logging() {}

    public static void configure(boolean verbose) {
        // Route JavaCPP's own warnings (native library loading) through SLF4J instead of raw stderr.
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        Level level = verbose ? Level.INFO : Level.ERROR;
        for (String name : LIBRARIES) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(level);
        }
        for (String name : SERVER_LIBRARIES) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(verbose ? Level.INFO : Level.OFF);
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(verbose ? Level.INFO : Level.WARN);
    }
}
