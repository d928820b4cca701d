package lenet.core;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Work a thread may do while it waits, instead of spinning: training offers the next batch's augmentation, image by
 * image, and both of its threads take images when they would otherwise wait (the calling thread for the other half of
 * a step, the {@link SecondThread} for its next task).
 *
 * <p>One offer at a time, for the whole process; whoever offers it still finishes it, so work nobody took, or an
 * offer another replaced, costs time and nothing else. A piece is short (an image: some 10 µs), so a wait ends at
 * most that much later than it would have.
 */
public final class IdleWork {
    private static final AtomicReference<BooleanSupplier> OFFERED = new AtomicReference<>();

    private IdleWork() {}

    /**
     * Offers {@code piece} to waiting threads: it does one piece of work, from any thread, and answers whether it found
     * any. It replaces any earlier offer.
     */
    public static void offer(BooleanSupplier piece) {
        OFFERED.set(piece);
    }

    /** Withdraws {@code piece}, if it is still the offer. */
    public static void withdraw(BooleanSupplier piece) {
        OFFERED.compareAndSet(piece, null);
    }

    /** Does one piece of the work offered; false if there was none. */
    private static boolean doPiece() {
        BooleanSupplier piece = OFFERED.get();
        return piece != null && piece.getAsBoolean();
    }

    /** Returns once {@code done} is true, doing pieces of the work offered meanwhile, if any is left. */
    public static void waitUntil(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            if (!doPiece()) {
                Thread.onSpinWait();
            }
        }
    }
}
