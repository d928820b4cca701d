package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuKindTest {
    /** The flags of a 2-core AMD EPYC (Zen 3) as /proc/cpuinfo lists them: AVX2, no AVX-512. */
    static final Set<String> ZEN3 = Set.of(
            "fpu", "sse", "sse2", "ssse3", "sse4_1", "sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "sha_ni", "vaes");
    /** An AVX-512 CPU with VNNI, bfloat16 and AVX-VNNI, as this machine's AMD EPYC (family 26) lists them. */
    static final Set<String> ZEN4 = union(
            ZEN3,
            Set.of(
                    "avx512f",
                    "avx512dq",
                    "avx512bw",
                    "avx512vl",
                    "avx512cd",
                    "avx512_vnni",
                    "avx512_bf16",
                    "avx_vnni"));
    /** An AVX-512 CPU without VNNI or AVX-VNNI (Intel Skylake-SP). */
    static final Set<String> SKYLAKE_SP =
            union(ZEN3, Set.of("avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "ZEN3 | -                | Intel AVX2",
                "ZEN3 | AVX512_CORE      | Intel AVX2",
                "ZEN3 | AVX              | Intel AVX",
                "ZEN3 | SSE41            | Intel SSE4.1",
                "ZEN3 | sse41            | Intel AVX2",
                "ZEN4 | -                | Intel AVX-512 with Intel DL Boost and bfloat16 support",
                "ZEN4 | ALL              | Intel AVX-512 with Intel DL Boost and bfloat16 support",
                "ZEN4 | AVX512_CORE_VNNI | Intel AVX-512 with Intel DL Boost",
                "ZEN4 | AVX512_CORE      | Intel AVX-512 with AVX512BW, AVX512VL, and AVX512DQ extensions",
                "ZEN4 | AVX2_VNNI        | Intel AVX2",
                "ZEN4 | AVX2             | Intel AVX2",
                "SKYLAKE_SP | -          | Intel AVX-512 with AVX512BW, AVX512VL, and AVX512DQ extensions",
                "SKYLAKE_SP | AVX2_VNNI  | Intel AVX2",
            })
    void onednnIsaIsTheHighestLevelTheCpuHasUnderTheLimit(String cpu, String limit, String expected) {
        Set<String> flags =
                Map.of("ZEN3", ZEN3, "ZEN4", ZEN4, "SKYLAKE_SP", SKYLAKE_SP).get(cpu);
        assertThat(CpuKind.onednnIsa(flags, limit)).isEqualTo(expected);
    }

    @Test
    void unknownFlagsAndOldCpusSaySo() {
        assertThat(CpuKind.onednnIsa(Set.of(), null)).isEqualTo("unknown");
        assertThat(CpuKind.onednnIsa(Set.of("sse", "sse2", "ssse3"), null)).startsWith("none");
        // AVX-512 foundation alone (Xeon Phi, or a hypervisor that hides BW/VL/DQ) is not oneDNN's AVX-512 level
        assertThat(CpuKind.onednnIsa(union(ZEN3, Set.of("avx512f")), null)).isEqualTo("Intel AVX2");
    }

    /**
     * What lenet reports against what the libraries say of themselves: oneDNN's verbose mode prints the instruction
     * set it runs ({@code isa:...}) and OpenBLAS's prints the core it chose ({@code Core: ...}), here, with no
     * setting and imitating two older CPUs.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "-     | -",
                "AVX2  | Sandybridge",
                "SSE41 | Nehalem",
            })
    void infoNamesTheKernelsTheLibrariesSayTheyChose(String isaLimit, String blasCore, @TempDir Path dir)
            throws Exception {
        Path model = TestModel.untrained(dir.resolve("m.zip"));
        Path image = dir.resolve("seven.png");
        MnistImages.write(MnistImages.blackOnWhite(0, 28, 28, 28, 0, 0), "png", image);
        Map<String, String> env = new java.util.HashMap<>();
        env.put("DNNL_VERBOSE", "1");
        env.put("OPENBLAS_VERBOSE", "2");
        env.put(CpuKind.ONEDNN_LIMIT, isaLimit);
        env.put(CpuKind.BLAS_CORE_SETTING, blasCore);

        Child predict = run(env, "predict", "--model", model.toString(), image.toString());
        Child info = run(env, "info", "--json");

        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(info.exitCode()).as(info.err()).isZero();
        String verboseIsa = find(predict.out(), "(?:onednn|dnnl)_verbose,info,cpu,isa:(.*)");
        String verboseCore = find(info.err(), "Core: (\\S+)");
        JsonNode backend = new ObjectMapper().readTree(lastLine(info.out())).get("backend");
        assertThat(backend.get("onednn_isa").asText()).isEqualTo(verboseIsa);
        assertThat(backend.get("blas_core").asText()).isEqualTo(verboseCore);
        if (blasCore != null) {
            assertThat(verboseCore).isEqualTo(blasCore);
        }
        List<String> overrides = new ArrayList<>();
        backend.get("overrides").forEach(n -> overrides.add(n.asText()));
        assertThat(overrides)
                .containsExactlyElementsOf(
                        isaLimit == null
                                ? List.of()
                                : List.of("DNNL_MAX_CPU_ISA=" + isaLimit, "OPENBLAS_CORETYPE=" + blasCore));
    }

    private record Child(int exitCode, String out, String err) {}

    /** lenet in a JVM of its own, with {@code env} set (a null value removes the variable). */
    private static Child run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlenet.home=" + LenetHome.dir(),
                "-cp",
                System.getProperty("java.class.path"),
                "lenet.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process child = builder.redirectError(ProcessBuilder.Redirect.PIPE).start();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return child.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Child(child.exitValue(), out, new String(err.get()));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
        return m.group(1).strip();
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
