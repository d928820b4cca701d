package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SecondThreadTest {
    @Test
    void runsTasksInOrderOnAnotherThreadAndAFailedOneStopsNone() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        Future<?> failed = SecondThread.submit(() -> {
            throw new IllegalStateException("task 0");
        });
        Future<Thread> first = SecondThread.submit(() -> {
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

    /** After a task, the thread does the work offered. */
    @Test
    void betweenTasksItDoesTheOfferedWork() throws Exception {
        AtomicInteger left = new AtomicInteger(1_000_000);
        AtomicBoolean takenElsewhere = new AtomicBoolean();
        Thread test = Thread.currentThread();
        java.util.function.BooleanSupplier piece = () -> {
            takenElsewhere.compareAndSet(false, Thread.currentThread() != test);
            return left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        };
        IdleWork.offer(piece);
        try {
            SecondThread.submit(() -> null).get(); // then it stays awake for SPIN_NANOS, taking pieces
            long deadline = System.nanoTime() + 10_000_000_000L; // for a failure: a piece comes within microseconds
            while (!takenElsewhere.get() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // this thread takes none
            }
        } finally {
            IdleWork.withdraw(piece);
        }
        assertThat(takenElsewhere).isTrue();
    }
}
