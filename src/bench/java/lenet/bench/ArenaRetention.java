package lenet.bench;

import java.lang.reflect.Field;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import lenet.core.NativeMemory;

/**
 * glibc's malloc, without lenet's serving: the pattern of {@code lenet serve}'s native memory under a mixed load, and what
 * the C library does with it. Request threads take blocks of varied sizes from the C heap (as image decoding's zlib
 * and ND4J's arrays for batches of varied sizes do) and hand them to one other thread that frees them (as ND4J's
 * arrays are freed by the thread that collects them); the bytes in use at once are bounded. Every 10 s it prints the
 * resident size and the bytes in use; at the end it asks the JVM to trim the C heap ({@code
 * System.trim_native_heap}, glibc's {@code malloc_trim}) and prints the resident size again.
 *
 * <p>{@code java -XX:+UseSerialGC -Xms64m -Xmx64m -XX:+AlwaysPreTouch -cp target/test-classes
 * lenet.bench.ArenaRetention [SECONDS] [THREADS]} (a small heap touched at once, so that the resident size's changes
 * are the C heap's); compare {@code MALLOC_ARENA_MAX=2}.
 */
public final class ArenaRetention {
    private ArenaRetention() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
        BlockingQueue<long[]> toFree = new ArrayBlockingQueue<>(200); // {address, bytes}: about 35 MB in use
        AtomicLong inUse = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        for (int t = 0; t < threads; t++) {
            Random random = new Random(t);
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    // a request's blocks: zlib's state and window (about 7 and 32 KB), then a batch's arrays
                    // (64 to 900 KB, by the batch's size)
                    long[] sizes = {7 * 1024, 32 * 1024, (64 + random.nextInt(836)) * 1024L};
                    for (long size : sizes) {
                        long address = unsafe.allocateMemory(size);
                        unsafe.setMemory(address, size, (byte) 1);
                        inUse.addAndGet(size);
                        try {
                            toFree.put(new long[] {address, size});
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }
        Thread freer = new Thread(() -> {
            while (true) {
                try {
                    long[] block = toFree.take();
                    unsafe.freeMemory(block[0]);
                    inUse.addAndGet(-block[1]);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        freer.setDaemon(true);
        freer.start();
        long start = System.nanoTime();
        for (int at = 10; at <= seconds; at += 10) {
            Thread.sleep(Math.max(0, start / 1_000_000 + at * 1000L - System.nanoTime() / 1_000_000));
            System.out.printf("%4d s  resident %6.1f MB  in use %6.1f MB%n", at, residentMb(), inUse.get() / 1048576.0);
        }
        running.set(false);
        Thread.sleep(200);
        while (!toFree.isEmpty()) {
            Thread.sleep(10);
        }
        System.out.printf("end     resident %6.1f MB  in use %6.1f MB%n", residentMb(), inUse.get() / 1048576.0);
        String report = NativeMemory.trim().orElse("this JVM or C library cannot trim");
        System.out.printf("trimmed resident %6.1f MB  (%s)%n", residentMb(), report);
    }

    private static double residentMb() throws Exception {
        return ServeSoak.rssKb(ProcessHandle.current().pid()) / 1024.0;
    }
}
