package lenet.output;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr, shown only when stderr is a terminal (the launcher passes
 * {@code -Dlenet.stderr.tty=true}); logs and pipes get no bar, and stdout is never touched.
 */
public final class Progress {
    private static final int WIDTH = 100;

    private Progress() {}

    public static boolean enabled() {
        return Boolean.getBoolean("lenet.stderr.tty");
    }

    /** A bar counting {@code max} steps, or null when progress is off. Close it to erase it. */
    public static ProgressBar bar(PrintWriter err, String task, long max, String unit) {
        if (!enabled()) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .clearDisplayOnFinish()
                .setConsumer(new DelegatingProgressBarConsumer(
                        line -> {
                            err.print('\r' + line);
                            err.flush();
                        },
                        WIDTH))
                .build();
    }
}
