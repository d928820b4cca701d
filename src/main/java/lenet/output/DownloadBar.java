package lenet.output;

import java.io.PrintWriter;
import java.net.URI;
import lenet.data.Download;

/** A line for each file downloaded and, on a terminal, its progress bar in kilobytes, on stderr. */
public final class DownloadBar implements Download.Listener {
    private final PrintWriter err;
    private Progress.Bar bar;
    /** The thread fetching a file now, or null. */
    private volatile Thread downloading;
    /** Whether Ctrl-C came: a file about to be fetched is not. */
    private volatile boolean stopped;

    public DownloadBar(PrintWriter err) {
        this.err = err;
    }

    /** One line before each file, on a terminal or not: a download of 30 MB can take a while. */
    @Override
    public void fetching(URI source) {
        downloading = Thread.currentThread();
        if (stopped) { // Ctrl-C came before this file: it ends at once
            Thread.currentThread().interrupt();
        }
        err.println("lenet: downloading " + source);
        err.flush();
    }

    @Override
    public synchronized void started(long totalBytes) {
        closeBar();
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
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /**
     * Ctrl-C: ends the download under way (its thread is interrupted) and any that would follow. The flag is set before
     * the thread is read, and {@link #fetching} sets the thread before it reads the flag: one of them sees the other.
     */
    public void interrupt() {
        stopped = true;
        Thread thread = downloading;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
