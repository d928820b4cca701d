package lenet.onednn;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lenet.core.Threads;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;

/**
 * A primitive made for one thread that {@link OneDnnSteps} runs at the same time as another, on a second thread when
 * OpenMP has two or more (else after it, on the caller's): with its own arguments, stream and scratch memory.
 */
record BesidePrimitive(primitive p, IntMemoryMap arguments, stream strm) {
    /** The threads that run primitives beside the caller's; daemons, made when needed and ended when idle. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(run -> {
        Thread t = new Thread(run, "lenet-beside");
        t.setDaemon(true);
        return t;
    });

    /** Starts it on a second thread, if OpenMP has two or more; else null (then {@link #finish} runs it). */
    Future<?> start() {
        return Threads.nd4j() > 1 ? THREADS.submit(this::run) : null;
    }

    /** Waits for {@code started} (spinning: it was given as much work as the caller), or runs it now if null. */
    void finish(Future<?> started) {
        if (started == null) {
            run();
            return;
        }
        while (!started.isDone()) {
            Thread.onSpinWait();
        }
        try {
            started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a oneDNN primitive ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        p.execute(strm, arguments);
        strm._wait();
    }
}
