package lenet.data;

import java.util.concurrent.atomic.AtomicInteger;
import lenet.core.SecondThread;
import lenet.core.Threads;

/**
 * A batch's images left to change, an image at a time, by whichever thread asks first: the thread that began the
 * batch, the {@link SecondThread} and any thread doing {@link lenet.core.IdleWork}. Each image's change depends on its
 * own random values alone, drawn before, so the order does not change the result.
 */
abstract class ImagePieces implements Augmentation.Pending {
    private final int images;
    /** Whether {@link #finish} shares the images left with the second thread, when there are two threads. */
    private final boolean shared;

    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable failure;

    ImagePieces(int images, boolean shared) {
        this.images = images;
        this.shared = shared;
    }

    /** Changes image {@code i}; any thread, never two for one image. */
    abstract void image(int i);

    /** Gives the batch its changed images, once all are done. */
    abstract void complete();

    @Override
    public final boolean step() {
        int i = next.getAndIncrement();
        if (i >= images) {
            return false;
        }
        try {
            image(i);
        } catch (RuntimeException | Error e) {
            failure = e; // thrown by finish, on the thread that began the batch
        } finally {
            done.incrementAndGet();
        }
        return true;
    }

    /**
     * Changes the images left, shared with the second thread when there are two threads and the images are {@link
     * #shared}, waits for any image another thread is changing, then completes the batch.
     */
    @Override
    public final void finish() {
        if (shared && Threads.nd4j() > 1 && images - next.get() > 1) {
            SecondThread.submit(() -> {
                while (step()) {
                    // the next image
                }
                return null;
            });
        }
        while (step()) {
            // the next image
        }
        while (done.get() < images) {
            Thread.onSpinWait(); // another thread's last image: some µs
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
        complete();
    }
}
