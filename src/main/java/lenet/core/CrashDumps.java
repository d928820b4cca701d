package lenet.core;

import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.util.CrashReportingUtil;

/**
 * DL4J answers an out-of-memory error by writing {@code dl4j-memory-crash-dump-*.txt} into the working folder, a
 * file the user never asked for. lenet reports running out of memory in one line instead (and {@code --verbose}
 * shows the stack trace), so it turns the dumps off unless the user set DL4J's property
 * ({@value DL4JSystemProperties#CRASH_DUMP_ENABLED_PROPERTY}) themselves.
 */
public final class CrashDumps {
    private CrashDumps() {}

    public static void disable() {
        if (System.getProperty(DL4JSystemProperties.CRASH_DUMP_ENABLED_PROPERTY) == null) {
            CrashReportingUtil.crashDumpsEnabled(false);
        }
    }
}
