package lenet.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a request to stop that long work checks at safe points, in place of the
 * JVM's immediate exit. The first signal only sets the request and tells the user; a second one ends the process at
 * once, running nothing more (no file is written or removed by it). The exit code says which signal ended the run,
 * as a shell would: 130 for SIGINT (or a {@link #request()} from code), 143 for SIGTERM.
 *
 * <p>Install it with {@link #install} around the work and close it afterwards, which restores the JVM's handlers.
 * {@link #none()} is a request nobody signals, for callers that handle no signals.
 */
public final class StopSignal implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final AtomicInteger signals = new AtomicInteger();
    private volatile int exitCode = LenetException.INTERRUPTED;
    private volatile Runnable onFirst;
    private final IntConsumer halt;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    StopSignal(Runnable onFirst, IntConsumer halt) {
        this.onFirst = onFirst;
        this.halt = halt;
    }

    /** A stop request that only {@link #request()} sets. */
    public static StopSignal none() {
        return new StopSignal(() -> {}, code -> {});
    }

    /**
     * Handles SIGINT and SIGTERM until {@link #close()}.
     *
     * @param onFirst runs on the signal thread when the first signal arrives, to tell the user what happens next
     */
    public static StopSignal install(Runnable onFirst) {
        StopSignal stop = new StopSignal(onFirst, code -> Runtime.getRuntime().halt(code));
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                int code = "TERM".equals(name) ? LenetException.TERMINATED : LenetException.INTERRUPTED;
                stop.previous.put(signal, Signal.handle(signal, s -> stop.request(code)));
            } catch (IllegalArgumentException e) {
                // the signal is unknown on this platform, or the JVM was started with -Xrs: leave it alone
            }
        }
        return stop;
    }

    /**
     * Says what the first signal does from now on, for work that takes over a request installed before it started
     * (the start-up's, {@code lenet.cli.Cli}); a signal that came before is not told again.
     */
    public void onFirst(Runnable action) {
        onFirst = action;
    }

    /** What Ctrl-C does: the first sets the request, the second exits at once. */
    public void request() {
        request(LenetException.INTERRUPTED);
    }

    /**
     * What a signal does: the first sets the request (and the exit code of the stopped run), the second exits at once
     * with its own code.
     */
    void request(int code) {
        if (signals.incrementAndGet() == 1) {
            exitCode = code;
            onFirst.run();
        } else {
            halt.accept(code);
        }
    }

    /** The exit code of a run stopped by this request: 130 (SIGINT) or 143 (SIGTERM). */
    public int exitCode() {
        return exitCode;
    }

    public boolean requested() {
        return signals.get() > 0;
    }

    /** Gives the signals back to the JVM: from now on Ctrl-C ends the process as usual. */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
