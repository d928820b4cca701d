package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import lenet.testing.SystemPropertyGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NativeMemoryTest {
    private static final int BLOCKS = 1_500;
    private static final int BLOCK_BYTES = 64 * 1024; // below glibc's mmap threshold: taken from an arena
    private static final long FREED_KB = (long) (BLOCKS - 1) * BLOCK_BYTES / 1024;

    @RegisterExtension
    final SystemPropertyGuard property = new SystemPropertyGuard(NativeMemory.MAX_PHYSICAL_BYTES);

    @Test
    void turnsOffTheResidentSizeCheck() {
        System.clearProperty(NativeMemory.MAX_PHYSICAL_BYTES);
        NativeMemory.configure();
        assertThat(System.getProperty(NativeMemory.MAX_PHYSICAL_BYTES)).isEqualTo("0");
    }

    @Test
    void keepsTheUsersLimit() {
        System.setProperty(NativeMemory.MAX_PHYSICAL_BYTES, "3g");
        NativeMemory.configure();
        assertThat(System.getProperty(NativeMemory.MAX_PHYSICAL_BYTES)).isEqualTo("3g");
    }

    // The kernel's resident size is the oracle: memory malloc'd on a thread, written and freed stays resident in
    // glibc's arena (the last block keeps the heap from shrinking at its top) until a trim gives it back.

    @Test
    void aTrimGivesFreedCHeapMemoryBackToTheOperatingSystem() throws Exception {
        assumeGlibcAndATrimmingJvm();
        long kept = mallocWriteAndFreeOnAThread();
        try {
            long before = residentKb();
            Optional<String> report = NativeMemory.trim();
            assertThat(before - residentKb())
                    .as("resident kB given back of the %d kB freed", FREED_KB)
                    .isGreaterThan(FREED_KB / 2);
            assertThat(report).hasValueSatisfying(r -> assertThat(r).startsWith("Trim native heap: RSS"));
        } finally {
            unsafe().freeMemory(kept);
        }
    }

    @Test
    void thePeriodicTrimGivesItBackUntilClosed() throws Exception {
        assumeGlibcAndATrimmingJvm();
        long kept = mallocWriteAndFreeOnAThread();
        try {
            long before = residentKb();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            NativeMemory.Trimming trimming = NativeMemory.trimEvery(Duration.ofMillis(20));
            try {
                while (before - residentKb() <= FREED_KB / 2 && System.nanoTime() < deadline) {
                    Thread.sleep(5); // polling the kernel's figure until the deadline
                }
                assertThat(before - residentKb()).as("resident kB given back").isGreaterThan(FREED_KB / 2);
            } finally {
                trimming.close();
            }
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("lenet-native-heap-trim")) {
                    thread.join(10_000);
                    assertThat(thread.isAlive())
                            .as("the trimming thread after close")
                            .isFalse();
                }
            }
        } finally {
            unsafe().freeMemory(kept);
        }
    }

    /** Mallocs, writes and frees {@link #BLOCKS} blocks on a new thread but the last, which it returns. */
    private static long mallocWriteAndFreeOnAThread() throws Exception {
        sun.misc.Unsafe unsafe = unsafe();
        long[] blocks = new long[BLOCKS];
        Thread thread = new Thread(() -> {
            for (int i = 0; i < BLOCKS; i++) {
                blocks[i] = unsafe.allocateMemory(BLOCK_BYTES);
                unsafe.setMemory(blocks[i], BLOCK_BYTES, (byte) 1);
            }
            for (int i = 0; i < BLOCKS - 1; i++) {
                unsafe.freeMemory(blocks[i]);
            }
        });
        thread.start();
        thread.join();
        return blocks[BLOCKS - 1];
    }

    /** Linux with glibc, and a JVM with System.trim_native_heap (17.0.9 and later). */
    private static void assumeGlibcAndATrimmingJvm() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "not Linux");
        assumeTrue(Files.readString(maps).contains("libc.so.6"), "not glibc");
        Runtime.Version version = Runtime.version();
        assumeTrue(version.feature() > 17 || version.update() >= 9, "a JVM before 17.0.9 has no trim command");
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
        Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return (sun.misc.Unsafe) field.get(null);
    }
}
