package lenet.output;

import java.io.PrintWriter;
import lenet.data.Download;

/** A progress bar for each file downloaded, in kilobytes, drawn on stderr when it is a terminal. */
public final class DownloadBar implements Download.Listener {
    private final PrintWriter err;
    private Progress.Bar bar;
    /** The thread downloading now, or null. */
    private volatile Thread downloading;

    public DownloadBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void started(long totalBytes) {
        finished();
        downloading = Thread.currentThread();
        bar = Progress.bar(err, "download", Math.max(totalBytes >> 10, 1), "KB");
    }

    @Override
    public synchronized void progressed(long bytesSoFar) {
        if (bar != null) {
            bar.stepTo(bytesSoFar >> 10);
        }
    }

    @Override
    public synchronized void finished() {
        downloading = null;
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Ends the download under way, if any (its thread is interrupted): Ctrl-C during a download. */
    public void interrupt() {
        Thread thread = downloading;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
