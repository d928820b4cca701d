package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import lenet.cli.Cli;
import lenet.model.LeNet5;
import lenet.testing.SystemPropertyGuard;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.CrashReportingUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** On out-of-memory DL4J writes a crash dump into the working folder; lenet's commands do not let it. */
class CrashDumpsTest {
    @RegisterExtension
    SystemPropertyGuard property = new SystemPropertyGuard(DL4JSystemProperties.CRASH_DUMP_ENABLED_PROPERTY);

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        CrashReportingUtil.crashDumpsEnabled(true);
        CrashReportingUtil.crashDumpOutputDirectory(null);
    }

    @Test
    void aCommandLeavesNoCrashDumpBehindAnOutOfMemoryError() throws Exception {
        CrashReportingUtil.crashDumpsEnabled(true); // DL4J's default
        StringWriter out = new StringWriter();
        Cli.getCommandLine(new PrintWriter(out), new PrintWriter(out)).execute("info", "--json");

        assertThat(dumpsAfterAnOutOfMemoryError()).isZero();
    }

    @Test
    void theUsersOwnSettingWins() throws Exception {
        System.setProperty(DL4JSystemProperties.CRASH_DUMP_ENABLED_PROPERTY, "true");
        CrashReportingUtil.crashDumpsEnabled(true);
        CrashDumps.disable();

        assertThat(dumpsAfterAnOutOfMemoryError())
                .as("DL4J's own dump, as the user asked")
                .isEqualTo(1);
    }

    /** Has DL4J handle an out-of-memory error in a network, as its fit and output do, and counts the dumps. */
    private long dumpsAfterAnOutOfMemoryError() throws Exception {
        CrashReportingUtil.crashDumpOutputDirectory(dir.toFile());
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(1, 0.001, 0.7));
        network.init();
        CrashReportingUtil.writeMemoryCrashDump(network, new OutOfMemoryError("test"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName)
                    .map(Path::toString)
                    .filter(name -> name.startsWith("dl4j-memory-crash-dump-"))
                    .count();
        }
    }
}
