package lenet.output;

import java.io.PrintWriter;
import java.net.URI;
import lenet.data.Download;

/** A line for each file downloaded and, on a terminal, its progress bar in kilobytes, on stderr. */
public final class DownloadBar implements Download.Listener {
    private final PrintWriter err;
    private Progress.Bar bar;
    /** The thread downloading now, or null. */
    private volatile Thread downloading;

    public DownloadBar(PrintWriter err) {
        this.err = err;
    }

    /** One line before each file, on a terminal or not: a download of 30 MB can take a while. */
    @Override
    public void fetching(URI source) {
        err.println("lenet: downloading " + source);
        err.flush();
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
