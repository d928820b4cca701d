package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class BackendTest {

    private static String stderrOf(boolean verbose) {
        PrintStream original = System.err;
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        System.setErr(new PrintStream(seen, true));
        try {
            Backend.loadQuietly(verbose, () -> new IllegalStateException("CUDA could not load").printStackTrace());
            System.err.println("after");
        } finally {
            System.setErr(original);
        }
        return seen.toString();
    }

    @Test
    void stackTracesPrintedWhileTheBackendLoadsAreHeldBackUnlessVerbose() {
        assertThat(stderrOf(false)).isEqualTo("after" + System.lineSeparator());
        assertThat(stderrOf(true)).contains("CUDA could not load", "\tat ").endsWith("after" + System.lineSeparator());
    }

    @Test
    void describeNamesTheLoadedBackendAndBlas() {
        assertThat(Backend.describe()).isEqualTo("CPU (OPENBLAS)");
    }
}
