package lenet.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lenet.testing.SystemPropertyGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The training progress bar: its text, its width given a terminal's, and no bar where stderr is no terminal. */
class ProgressTest {
    @RegisterExtension
    final SystemPropertyGuard tty = new SystemPropertyGuard(Terminal.STDERR_PROPERTY);

    /** Half an epoch of 430 batches, 215 of them in 10 s: 21.5 batches/s, 10 s left. */
    private static String half(int width) {
        return Progress.render("epoch 3/10", 215, 0, 430, Duration.ofSeconds(10), "batches", "loss 0.1771", width);
    }

    @Test
    void aWideTerminalGetsTheBarTheCountTheRateTheTimeLeftAndTheLossEachSetApart() {
        assertThat(half(199))
                .isEqualTo("epoch 3/10  50% [" + "=".repeat(25) + ">" + " ".repeat(24) + "] 215/430 batches  "
                        + "21.5 batches/s  0:10 left  loss 0.1771");
    }

    @Test
    void anEightyColumnTerminalDropsTheRateAndKeepsTheLineWithinItsWidth() {
        // 79 columns: one short of the terminal, so that no terminal wraps the line
        String line = half(79);

        assertThat(line)
                .isEqualTo("epoch 3/10  50% [" + "=".repeat(10) + ">" + " ".repeat(10) + "] 215/430 batches  "
                        + "0:10 left  loss 0.1771")
                .hasSize(79);
    }

    @Test
    void aNarrowTerminalLosesTheBarBeforeTheCountAndNeverGetsALineWiderThanItself() {
        assertThat(half(50)).isEqualTo("epoch 3/10  50%  215/430 batches  loss 0.1771");
        for (int width = 1; width <= 200; width++) {
            assertThat(half(width)).as("width %d", width).hasSizeLessThanOrEqualTo(width);
        }
    }

    @Test
    void aResumedEpochCountsItsRateFromWhereItStarted() {
        // resumed at batch 200 of 430: 15 batches in 1 s
        String line = Progress.render("epoch 3/10", 215, 200, 430, Duration.ofSeconds(1), "batches", null, 199);

        assertThat(line).endsWith("215/430 batches  15.0 batches/s  0:14 left");
    }

    @Test
    void theTimeLeftReadsAsMinutesAndSecondsThenHours() {
        assertThat(Progress.clock(0)).isEqualTo("0:00");
        assertThat(Progress.clock(59.6)).isEqualTo("1:00");
        assertThat(Progress.clock(3599)).isEqualTo("59:59");
        assertThat(Progress.clock(3600 + 62)).isEqualTo("1:01:02");
    }

    @Test
    void theBarFollowsTheTerminalAsItIsResizedAndIsErasedWhenItCloses() {
        StringWriter text = new StringWriter();
        AtomicInteger columns = new AtomicInteger(120);
        // redrawn by refresh() here, not by the timer
        Progress.Bar bar =
                Progress.bar(new PrintWriter(text, true), "epoch 1/1", 100, "batches", columns::get, 3_600_000);
        bar.stepTo(10);
        bar.setExtraMessage("loss 2.0000");
        bar.refresh();
        columns.set(60);
        bar.stepTo(20);
        bar.refresh();
        bar.close();

        List<String> drawn = segments(text.toString());
        assertThat(drawn).isNotEmpty().allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(119));
        assertThat(drawn)
                .filteredOn(line -> line.contains("10/100 batches"))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).hasSizeGreaterThan(80));
        assertThat(drawn)
                .filteredOn(line -> line.contains("20/100 batches"))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(59));
        assertThat(text.toString()).as("erased at the end").endsWith("\r\u001b[K");
    }

    @Test
    void noBarWhenStderrIsNoTerminal() {
        System.setProperty(Terminal.STDERR_PROPERTY, "false");
        StringWriter text = new StringWriter();

        assertThat(Progress.bar(new PrintWriter(text), "epoch 1/1", 10, "batches"))
                .isNull();
        assertThat(text.toString()).isEmpty();
    }

    /** What each redraw showed: the text between carriage returns, without the erase-to-end sequence. */
    private static List<String> segments(String drawn) {
        return Arrays.stream(drawn.split("\r"))
                .map(s -> s.replace("\u001b[K", ""))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
