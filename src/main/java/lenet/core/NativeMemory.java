package lenet.core;

/**
 * JavaCPP's bookkeeping of native memory, set before ND4J loads. By default JavaCPP reads the process's resident
 * size from the kernel on each of many allocations to enforce {@code org.bytedeco.javacpp.maxPhysicalBytes}; for
 * LeNet's small arrays that read cost a quarter of the time of a one-image inference (src/site/markdown/
 * performance.md). lenet turns that check off; the limit on the bytes JavaCPP itself allocated
 * ({@code org.bytedeco.javacpp.maxBytes}), a counter, stays. A value the user set wins.
 */
public final class NativeMemory {
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private NativeMemory() {}

    public static void configure() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }
}
