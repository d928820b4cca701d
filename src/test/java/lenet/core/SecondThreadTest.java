package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class SecondThreadTest {
    /** For a failure only: every wait below ends within milliseconds when the code works. */
    private static final long DEADLINE_NANOS = 10_000_000_000L;

    @Test
    void runsTasksInOrderOnAnotherThreadAndAFailedOneStopsNone() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        Future<?> failed = SecondThread.submit(() -> {
            throw new IllegalStateException("task 0");
        });
        Future<Thread> first = SecondThread.submitRecurring(() -> {
            order.add(1);
            return Thread.currentThread();
        });
        Future<?> second = SecondThread.submit(() -> order.add(2));
        second.get();
        assertThat(order).containsExactly(1, 2);
        assertThat(first.get()).isNotSameAs(caller);
        assertThat(first.get().isDaemon()).isTrue(); // no JVM waits for it to end
        assertThatThrownBy(failed::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    /** After a recurring task (a training step's second half) the thread stays awake and does the work offered. */
    @Test
    void afterARecurringTaskItDoesTheOfferedWork() throws Exception {
        AtomicBoolean takenElsewhere = new AtomicBoolean();
        Thread test = Thread.currentThread();
        BooleanSupplier piece = () -> {
            takenElsewhere.compareAndSet(false, Thread.currentThread() != test);
            return true;
        };
        IdleWork.offer(piece);
        try {
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (!takenElsewhere.get() && System.nanoTime() < deadline) {
                SecondThread.submitRecurring(() -> null).get(); // this thread takes no piece
            }
        } finally {
            IdleWork.withdraw(piece);
        }
        assertThat(takenElsewhere).isTrue();
    }

    /**
     * After a one-off task (the distortions' share, which with more than two threads comes while OpenMP's threads
     * take every core) the thread sleeps at once: it takes none of the work offered.
     */
    @Test
    void afterAOneOffTaskItSleepsWithoutTakingOfferedWork() throws Exception {
        Thread second = SecondThread.submit(Thread::currentThread).get();
        waitUntilAsleep(second); // and so past any time awake that an earlier recurring task left
        AtomicInteger taken = new AtomicInteger();
        BooleanSupplier piece = () -> taken.incrementAndGet() > 0;
        IdleWork.offer(piece);
        try {
            SecondThread.submit(() -> null).get();
            waitUntilAsleep(second);
        } finally {
            IdleWork.withdraw(piece);
        }
        assertThat(taken).hasValue(0);
    }

    private static void waitUntilAsleep(Thread thread) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }
}
