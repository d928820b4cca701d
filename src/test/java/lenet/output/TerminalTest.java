package lenet.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TerminalTest {
    @Test
    void terminalDevicesAreTerminalsAndFilesAndPipesAreNot() {
        assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/ttyS0")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/console")).isTrue();
        assertThat(Terminal.isTerminalDevice("/tmp/train.log")).isFalse();
        assertThat(Terminal.isTerminalDevice("pipe:[48213]")).isFalse();
        assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
    }

    @Test
    void theTestsOwnStdoutAndStderrArePipesOrFilesNotTerminals() {
        // surefire gives the test JVM pipes (or files): a terminal here would mean the device test above is wrong
        assertThat(Terminal.isTerminal(1)).isFalse();
        assertThat(Terminal.isTerminal(2)).isFalse();
        assertThat(Terminal.stdoutWidth()).as("no terminal: no width limit").isZero();
    }

    @Test
    void sttySizeAndColumnsAreRead() {
        assertThat(Terminal.parseSttySize("24 80\n")).isEqualTo(80);
        assertThat(Terminal.parseSttySize("50 200")).isEqualTo(200);
        assertThat(Terminal.parseSttySize("0 0")).isZero();
        assertThat(Terminal.parseSttySize("stty: 'standard input': Inappropriate ioctl for device"))
                .isZero();
        assertThat(Terminal.parseColumns("132")).isEqualTo(132);
        assertThat(Terminal.parseColumns("-5")).isZero();
        assertThat(Terminal.parseColumns("")).isZero();
        assertThat(Terminal.parseColumns(null)).isZero();
    }

    @Test
    void theWidthIsAskedOnceThenAgainAfterAResize() {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger columns = new AtomicInteger(120);
        Terminal terminal = new Terminal(() -> {
            asked.incrementAndGet();
            return columns.get();
        });

        assertThat(terminal.width()).isEqualTo(120);
        assertThat(terminal.width()).isEqualTo(120);
        assertThat(asked).hasValue(1);
        columns.set(60);
        terminal.resized();
        assertThat(terminal.width()).isEqualTo(60);
        assertThat(asked).hasValue(2);
    }

    @Test
    void aTerminalThatDoesNotSayIsEightyColumns() {
        assertThat(new Terminal(() -> 0).width())
                .isEqualTo(Terminal.DEFAULT_WIDTH)
                .isEqualTo(80);
    }
}
