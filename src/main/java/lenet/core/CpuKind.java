package lenet.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Which kernels this CPU runs: oneDNN (convolution and pooling) and OpenBLAS (the dense layers) each choose theirs
 * by the CPU's instruction sets, so speed and the last bits of trained weights differ between CPU kinds
 * (src/site/markdown/performance.md). Both can be told to act as an older CPU: oneDNN by {@value #ONEDNN_LIMIT},
 * OpenBLAS by {@value #BLAS_CORE_SETTING}.
 */
public final class CpuKind {
    public static final String ONEDNN_LIMIT = "DNNL_MAX_CPU_ISA";
    public static final String BLAS_CORE_SETTING = "OPENBLAS_CORETYPE";

    /**
     * oneDNN 2.3's instruction-set levels in the order {@value #ONEDNN_LIMIT} caps them: the value it takes, every
     * CPU flag (as Linux names them) the level needs, and the name oneDNN's own verbose mode ({@code DNNL_VERBOSE=1})
     * prints for it. {@code AVX2_VNNI} is a branch, not a step: the AVX-512 levels do not need its flag. oneDNN 2.3
     * prints it as plain AVX2, and so does this. Xeon Phi's {@code AVX512_MIC} levels are left out.
     */
    private record Level(String limit, Set<String> flags, String name) {
        Level(String limit, Level below, List<String> more, String name) {
            this(limit, union(below == null ? Set.of() : below.flags(), more), name);
        }

        private static Set<String> union(Set<String> a, List<String> b) {
            Set<String> all = new java.util.HashSet<>(a);
            all.addAll(b);
            return Set.copyOf(all);
        }
    }

    private static final Level SSE41 = new Level("SSE41", null, List.of("sse4_1"), "Intel SSE4.1");
    private static final Level AVX = new Level("AVX", SSE41, List.of("avx"), "Intel AVX");
    private static final Level AVX2 = new Level("AVX2", AVX, List.of("avx2"), "Intel AVX2");
    private static final Level AVX512_CORE = new Level(
            "AVX512_CORE",
            AVX2,
            List.of("avx512f", "avx512bw", "avx512vl", "avx512dq"),
            "Intel AVX-512 with AVX512BW, AVX512VL, and AVX512DQ extensions");
    private static final Level AVX512_CORE_VNNI =
            new Level("AVX512_CORE_VNNI", AVX512_CORE, List.of("avx512_vnni"), "Intel AVX-512 with Intel DL Boost");
    private static final Level AVX512_CORE_BF16 = new Level(
            "AVX512_CORE_BF16",
            AVX512_CORE_VNNI,
            List.of("avx512_bf16"),
            "Intel AVX-512 with Intel DL Boost and bfloat16 support");
    private static final List<Level> LEVELS = List.of(
            SSE41,
            AVX,
            AVX2,
            new Level("AVX2_VNNI", AVX2, List.of("avx_vnni"), "Intel AVX2"),
            AVX512_CORE,
            AVX512_CORE_VNNI,
            AVX512_CORE_BF16,
            new Level(
                    "AVX512_CORE_AMX",
                    AVX512_CORE_BF16,
                    List.of("amx_tile", "amx_int8", "amx_bf16"),
                    "Intel AVX-512 with Intel DL Boost and bfloat16 support and Intel AMX with bfloat16 and 8-bit "
                            + "integer support"));

    /** OpenBLAS 0.3.19's x86-64 cores in a dynamic-architecture build, as its {@code gotoblas_NAME} tables. */
    private static final List<String> BLAS_CORES = List.of(
            "PRESCOTT",
            "CORE2",
            "NEHALEM",
            "SANDYBRIDGE",
            "HASWELL",
            "SKYLAKEX",
            "COOPERLAKE",
            "ZEN",
            "BARCELONA",
            "BULLDOZER",
            "PILEDRIVER",
            "STEAMROLLER",
            "EXCAVATOR",
            "ATHLON",
            "BANIAS",
            "COPPERMINE",
            "KATMAI",
            "NORTHWOOD",
            "OPTERON",
            "OPTERON_SSE3",
            "DUNNINGTON",
            "PENRYN",
            "ATOM",
            "NANO");

    private CpuKind() {}

    /**
     * The instruction set oneDNN runs its kernels with here, named as {@code DNNL_VERBOSE=1} names it (for example
     * {@code Intel AVX2}): the highest level this CPU has, capped by {@value #ONEDNN_LIMIT} when that is set.
     * {@code unknown} when the CPU's flags cannot be read.
     */
    public static String onednnIsa() {
        return onednnIsa(cpuFlags(Path.of("/proc/cpuinfo")), System.getenv(ONEDNN_LIMIT));
    }

    static String onednnIsa(Set<String> flags, String limit) {
        if (flags.isEmpty()) {
            return "unknown";
        }
        int cap = LEVELS.size() - 1;
        if (limit != null) {
            for (int i = 0; i < LEVELS.size(); i++) {
                if (LEVELS.get(i).limit().equals(limit)) { // as oneDNN reads it: exact, so "avx2" is no limit
                    cap = i;
                }
            }
        }
        String name = "none (oneDNN's reference kernels)";
        for (int i = 0; i <= cap; i++) {
            if (flags.containsAll(LEVELS.get(i).flags())) {
                name = LEVELS.get(i).name();
            }
        }
        return name;
    }

    /** The CPU flags Linux reports ({@code /proc/cpuinfo}), empty where there is no such file. */
    public static Set<String> cpuFlags(Path cpuinfo) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * The core whose kernels OpenBLAS chose when it loaded (for example {@code Haswell}), read from OpenBLAS itself:
     * its {@code gotoblas} pointer names one of its per-core tables. {@code unknown} when OpenBLAS is not loaded or
     * was built for one core only. Call after ND4J's backend has loaded.
     */
    public static String blasCore() {
        try {
            Pointer current = Loader.addressof("gotoblas");
            if (current == null) {
                return "unknown";
            }
            long table = new LongPointer(current).get();
            for (String core : BLAS_CORES) {
                Pointer candidate = Loader.addressof("gotoblas_" + core);
                if (candidate != null && candidate.address() == table) {
                    return display(core);
                }
            }
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            // no answer is "unknown"
        }
        return "unknown";
    }

    private static final Map<String, String> BLAS_NAMES = Map.of(
            "SKYLAKEX",
            "SkylakeX",
            "COOPERLAKE",
            "Cooperlake",
            "SANDYBRIDGE",
            "Sandybridge",
            "OPTERON_SSE3",
            "Opteron_SSE3");

    private static String display(String core) {
        return BLAS_NAMES.getOrDefault(core, core.charAt(0) + core.substring(1).toLowerCase(Locale.ROOT));
    }

    /**
     * The environment's settings that choose kernels instead of the libraries' own CPU check, for example
     * {@code DNNL_MAX_CPU_ISA=AVX2} to imitate an older CPU, or {@code OPENBLAS_CORETYPE=Haswell} where OpenBLAS
     * 0.3.19 does not know the CPU; empty when there are none.
     */
    public static List<String> overrides() {
        return Stream.of(ONEDNN_LIMIT, BLAS_CORE_SETTING)
                .filter(name ->
                        System.getenv(name) != null && !System.getenv(name).isBlank())
                .map(name -> name + "=" + System.getenv(name))
                .toList();
    }
}
