package lenet.core;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Native memory: JavaCPP's bookkeeping, set before ND4J loads, and giving the C heap's free memory back.
 *
 * <p>By default JavaCPP reads the process's resident size from the kernel on each of many allocations to enforce
 * {@code org.bytedeco.javacpp.maxPhysicalBytes}; for LeNet's small arrays that read cost a quarter of the time of a
 * one-image inference (src/site/markdown/performance.md). lenet turns that check off; the limit on the bytes JavaCPP
 * itself allocated ({@code org.bytedeco.javacpp.maxBytes}), a counter, stays. A value the user set wins.
 *
 * <p>glibc's malloc keeps memory that was freed in the arenas of the threads that used it, and gives little of it
 * back to the operating system: under a long mixed load (images decoded on many request threads, ND4J's arrays
 * freed by another) a server's resident size grows for minutes though nothing is leaked (reliability.md, "A long,
 * hostile load"). {@link #trim} hands that free memory back, through HotSpot's {@code System.trim_native_heap}
 * command (glibc's {@code malloc_trim}; JDK 17.0.9 and later).
 */
public final class NativeMemory {
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private static final Logger log = LoggerFactory.getLogger(NativeMemory.class);

    /** What the JVM's report of a trim starts with; any other answer means this JVM or C library cannot trim. */
    private static final String TRIMMED = "Trim native heap";

    private NativeMemory() {}

    /** The periodic trim of {@link #trimEvery}; closing it stops it. */
    public interface Trimming extends AutoCloseable {
        @Override
        void close();
    }

    public static void configure() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }

    /**
     * Gives the C heap's free memory back to the operating system now.
     *
     * @return the JVM's one-line report ("Trim native heap: RSS+Swap: 298M->277M (-21512K)"), or empty where the JVM
     *     or the C library cannot trim (macOS, Windows, musl, a JVM without the command)
     */
    public static Optional<String> trim() {
        try {
            Object answer = ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "systemTrimNativeHeap",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
            String report = String.valueOf(answer).strip();
            return report.startsWith(TRIMMED) ? Optional.of(report) : Optional.empty();
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Trims the C heap every {@code period} on a daemon thread until closed; it stops at once where trimming is not
     * possible (see {@link #trim}).
     */
    public static Trimming trimEvery(Duration period) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lenet-native-heap-trim");
            thread.setDaemon(true);
            return thread;
        });
        long millis = period.toMillis();
        timer.scheduleWithFixedDelay(
                () -> trim().ifPresentOrElse(log::debug, () -> {
                    log.debug("the C heap cannot be trimmed in this JVM; not trying again");
                    timer.shutdown();
                }),
                millis,
                millis,
                TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }
}
