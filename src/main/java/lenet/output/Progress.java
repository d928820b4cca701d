package lenet.output;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Progress bars on stderr, shown only when stderr is a terminal ({@link Terminal#stderrIsTerminal()}); files and
 * pipes get no bar and no control characters, and stdout is never touched. The bar is drawn one column short of the
 * terminal's width, asked again on every redraw, so it follows the terminal as it is resized; on a narrow terminal
 * the rate, then the time left, then the bar itself give way.
 */
public final class Progress {
    /** Erases from the cursor to the end of the line: what a longer line drawn before left behind. */
    private static final String ERASE_TO_END = "\u001b[K";

    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 50;

    private Progress() {}

    /** A bar counting {@code max} steps, or null when progress is off. Close it to erase it. */
    public static Bar bar(PrintWriter err, String task, long max, String unit) {
        if (!Terminal.stderrIsTerminal()) {
            return null;
        }
        Terminal terminal = Terminal.system();
        return bar(err, task, max, unit, terminal::width, 250);
    }

    static Bar bar(PrintWriter err, String task, long max, String unit, IntSupplier columns, int updateMillis) {
        Consumer consumer = new Consumer(err, columns);
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUpdateIntervalMillis(updateMillis)
                .setRenderer((state, width) -> render(
                        state.getTaskName(),
                        state.getCurrent(),
                        state.getStart(),
                        state.getMax(),
                        state.getElapsedAfterStart(),
                        unit,
                        state.getExtraMessage(),
                        width))
                .clearDisplayOnFinish()
                .setConsumer(consumer)
                .build();
        return new Bar(bar, consumer);
    }

    /** A progress bar that is erased when it closes, however soon after it started. */
    public static final class Bar implements AutoCloseable {
        private final ProgressBar bar;
        private final Consumer consumer;

        Bar(ProgressBar bar, Consumer consumer) {
            this.bar = bar;
            this.consumer = consumer;
        }

        public void stepTo(long n) {
            bar.stepTo(n);
        }

        public void setExtraMessage(String message) {
            bar.setExtraMessage(message);
        }

        void refresh() {
            bar.refresh();
        }

        /**
         * Stops the bar and erases it. (progressbar 0.10.1 skips its own erasing when the bar closes before its
         * first scheduled redraw has run: the line would stay on the screen.)
         */
        @Override
        public void close() {
            bar.close();
            consumer.clear();
        }
    }

    /**
     * One line of at most {@code width} characters:
     * {@code epoch 3/10  42% [=====>     ] 180/430 batches  185 batches/s  0:01 left  loss 0.1771}.
     *
     * @param start   the count the bar started from (a resumed epoch starts part-way), for the rate
     * @param elapsed the time since the bar started
     */
    static String render(
            String task, long current, long start, long max, Duration elapsed, String unit, String extra, int width) {
        double fraction = max <= 0 ? 0 : Math.min(1.0, (double) current / max);
        String head = String.format(Locale.ROOT, "%s %3d%%", task, (int) Math.floor(fraction * 100));
        double seconds = elapsed.toNanos() / 1e9;
        long done = current - start;
        boolean timed = done > 0 && seconds > 0;
        String count = current + "/" + max + " " + unit;
        String rate = timed ? String.format(Locale.ROOT, "%.1f %s/s", done / seconds, unit) : null;
        String left = timed ? clock(seconds * (max - current) / done) + " left" : null;
        String message = extra == null || extra.isEmpty() ? null : extra;
        // on a narrower terminal the rate gives way first, then the time left, then the bar
        for (String suffix :
                List.of(join(count, rate, left, message), join(count, left, message), join(count, message))) {
            int barWidth = width - head.length() - suffix.length() - 4; // " [" and "] "
            if (barWidth >= MIN_BAR) {
                return head + " [" + bar(fraction, Math.min(barWidth, MAX_BAR)) + "] " + suffix;
            }
        }
        String line = head + "  " + join(count, message);
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }

    private static String join(String... parts) {
        return Arrays.stream(parts).filter(Objects::nonNull).collect(Collectors.joining("  "));
    }

    private static String bar(double fraction, int width) {
        int full = (int) Math.floor(fraction * width);
        StringBuilder bar = new StringBuilder(width);
        bar.append("=".repeat(full));
        if (full < width) {
            bar.append('>').append(" ".repeat(width - full - 1));
        }
        return bar.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Draws over the same terminal line, one column short of the width so that no terminal wraps it. */
    private static final class Consumer implements ProgressBarConsumer {
        private final PrintWriter err;
        private final IntSupplier columns;

        Consumer(PrintWriter err, IntSupplier columns) {
            this.err = err;
            this.columns = columns;
        }

        @Override
        public int getMaxRenderedLength() {
            return Math.max(1, columns.getAsInt() - 1);
        }

        @Override
        public void accept(String line) {
            err.print('\r' + line + ERASE_TO_END);
            err.flush();
        }

        @Override
        public void clear() {
            err.print('\r' + ERASE_TO_END);
            err.flush();
        }

        @Override
        public void close() {
            // err belongs to the command line
        }
    }
}
