package lenet.core;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One thread beside the calling one, for work split in two on two cores: the second half of a training step, half of
 * a batch's augmentation. Tasks run one at a time, in the order given.
 *
 * <p>After a {@linkplain #submitRecurring recurring} task it does not sleep at once: for {@link #AWAKE_NANOS} it waits
 * awake, doing pieces of the {@link IdleWork} offered meanwhile, and tasks of either kind that end within that time
 * leave it awake too. In training, asleep between steps, it started the second half of a step a median 0.08 ms after
 * it was given (2-core AMD EPYC virtual machine); awake, 0.006 ms. A training step comes every 5 ms. After other tasks
 * it sleeps: with more threads than two, OpenMP's take every core during a step, and an awake thread beside them would
 * take one from them.
 */
public final class SecondThread {
    /** How long the thread stays awake after a recurring task: longer than the gap between two training steps. */
    static final long AWAKE_NANOS = 2_000_000;

    private static final LinkedBlockingQueue<Task<?>> TASKS = new LinkedBlockingQueue<>();
    private static Thread thread;

    private SecondThread() {}

    /** Runs {@code task} on the second thread, after those given before it. */
    public static <T> Future<T> submit(Callable<T> task) {
        return add(new Task<>(task, false));
    }

    /**
     * Runs {@code task} on the second thread, after those given before it; tasks like it come again within
     * milliseconds (the second half of every training step), so the thread stays awake after it.
     */
    public static <T> Future<T> submitRecurring(Callable<T> task) {
        return add(new Task<>(task, true));
    }

    private static <T> Future<T> add(Task<T> task) {
        start();
        TASKS.add(task);
        return task;
    }

    private static synchronized void start() {
        if (thread == null) {
            thread = new Thread(SecondThread::run, "lenet-second");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void run() {
        long awakeUntil = System.nanoTime();
        while (true) {
            long until = awakeUntil;
            IdleWork.waitUntil(() -> !TASKS.isEmpty() || System.nanoTime() - until >= 0); // awake: offered work
            Task<?> task;
            try {
                task = TASKS.take(); // at once if a task came; else asleep until one does
            } catch (InterruptedException e) {
                continue; // nobody interrupts it; the tasks still need a thread
            }
            task.run(); // a FutureTask keeps what its task throws
            if (task.recurring) {
                awakeUntil = System.nanoTime() + AWAKE_NANOS;
            }
        }
    }

    /** A task, and whether tasks like it recur. */
    private static final class Task<T> extends FutureTask<T> {
        final boolean recurring;

        Task(Callable<T> callable, boolean recurring) {
            super(callable);
            this.recurring = recurring;
        }
    }
}
