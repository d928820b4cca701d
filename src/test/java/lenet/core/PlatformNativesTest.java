package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the build for a platform that cannot run here packages: every native library ND4J and oneDNN load is in its
 * jars, and every library each of those links to is either in them too or part of the operating system. Each file's
 * links are read by Debian's tools for its format: {@code readelf -d} (ELF), {@code llvm-objdump --macho
 * --dylibs-used} (Mach-O), {@code x86_64-w64-mingw32-objdump -p} (PE). {@code .ci/platforms} resolves each
 * platform's runtime jars as {@code mvn -Djavacpp.platform=P package} copies them to {@code target/lib}, into
 * {@code -Dlenet.platforms=DIR}, with OpenBLAS 0.3.19-1.5.7 for macosx-arm64 (the known trap) beside them in
 * {@code DIR/trap}.
 */
@Tag("platforms")
class PlatformNativesTest {
    /** The LAPACK routines ND4J's CpuLapack calls through OpenBLAS's presets (javap of nd4j-native 1.0.0-M2.1). */
    static final List<String> LAPACK = List.of(
            "sgetrf", "dgetrf", "spotrf", "dpotrf", "sgesvd", "dgesvd", "ssyev", "dsyev", "sgeqrf", "dgeqrf", "sorgqr",
            "dorgqr");

    /** Libraries of Windows itself (API sets aside); the Visual C++ runtime is not one: JavaCPP's jar ships it. */
    static final Set<String> WINDOWS = Set.of(
            "kernel32.dll",
            "user32.dll",
            "advapi32.dll",
            "ole32.dll",
            "oleaut32.dll",
            "cfgmgr32.dll",
            "shell32.dll",
            "ws2_32.dll",
            "msvcrt.dll",
            "ntdll.dll",
            "bcrypt.dll",
            "setupapi.dll",
            "version.dll",
            "psapi.dll",
            "dbghelp.dll",
            "shlwapi.dll",
            "crypt32.dll",
            "rpcrt4.dll",
            "gdi32.dll");

    /** glibc and GCC's runtime, on every Linux that runs a JVM. */
    static final Set<String> LINUX = Set.of(
            "libc.so.6",
            "libm.so.6",
            "libpthread.so.0",
            "libdl.so.2",
            "librt.so.1",
            "libstdc++.so.6",
            "libgcc_s.so.1",
            "ld-linux-aarch64.so.1",
            "ld-linux-x86-64.so.2");

    /**
     * Linux libraries the natives link without shipping them, and the package a user installs: lenet names it when
     * it is missing (NativeLibraries).
     */
    static final Map<String, String> LINUX_PACKAGES = Map.of("libgomp.so.1", "libgomp1");

    @TempDir
    Path unpacked;

    private static Path platforms() {
        String dir = System.getProperty("lenet.platforms");
        assumeTrue(dir != null, "run by .ci/platforms, which resolves each platform's jars first");
        return Path.of(dir);
    }

    @Test
    void macosArm64HasNd4jAndOpenBlasWithLapackButNoOneDnn() throws Exception {
        Natives natives = Natives.of(platforms().resolve("macosx-arm64"), unpacked);
        assertThat(natives.files.keySet())
                .contains("libjnind4jcpu.dylib", "libnd4jcpu.dylib", "libjnijavacpp.dylib", "libopenblas.0.dylib")
                .contains("libjniopenblas.dylib", "libjniopenblas_nolapack.dylib")
                .noneMatch(name -> name.contains("dnnl"));
        assertThat(natives.unresolved()).isEmpty();
        assertThat(natives.missingLapack("libjniopenblas.dylib")).isEmpty();
    }

    @Test
    void theKnownTrapOpenBlas0319ForMacosArm64IsCaught() throws Exception {
        // the oracle that the check can fail: OpenBLAS 0.3.19-1.5.7's macosx-arm64 build is BLAS only (no LAPACK)
        Path trap = platforms().resolve("trap");
        Natives natives = Natives.of(trap, unpacked);
        assertThat(natives.missingLapack("libjniopenblas.dylib")).containsExactlyInAnyOrderElementsOf(LAPACK);
    }

    @Test
    void macosX8664HasTheOneDnnBuildAndEveryLibraryItLinks() throws Exception {
        Natives natives = Natives.of(platforms().resolve("macosx-x86_64"), unpacked);
        assertThat(natives.nd4jBuild()).isEqualTo("macosx-x86_64-onednn");
        assertThat(natives.files.keySet())
                .contains("libjnind4jcpu.dylib", "libnd4jcpu.dylib", "libjnijavacpp.dylib", "libopenblas.0.dylib")
                .contains("libjnidnnl.dylib", "libdnnl.2.dylib", "libiomp5.dylib", "libgfortran.4.dylib");
        assertThat(natives.unresolved()).isEmpty();
        assertThat(natives.missingLapack("libjniopenblas.dylib")).isEmpty();
    }

    @Test
    void windowsHasTheOneDnnBuildAndEveryLibraryItLinksWithTheVisualCppRuntime() throws Exception {
        Natives natives = Natives.of(platforms().resolve("windows-x86_64"), unpacked);
        assertThat(natives.nd4jBuild()).isEqualTo("windows-x86_64-onednn");
        assertThat(natives.files.keySet())
                .contains("jnind4jcpu.dll", "libnd4jcpu.dll", "jnijavacpp.dll", "libopenblas.dll", "jnidnnl.dll")
                .contains("dnnl.dll", "libgomp-1.dll", "vcruntime140.dll", "msvcp140.dll", "vcomp140.dll");
        assertThat(natives.unresolved()).isEmpty();
        assertThat(natives.missingLapack("jniopenblas.dll")).isEmpty();
    }

    @Test
    void linuxArm64HasThePlainBuildWithoutOneDnnAndNeedsOnlyTheSystemsOpenMp() throws Exception {
        Natives natives = Natives.of(platforms().resolve("linux-arm64"), unpacked);
        assertThat(natives.nd4jBuild()).isEqualTo("linux-arm64");
        assertThat(natives.files.keySet())
                .contains("libjnind4jcpu.so", "libnd4jcpu.so", "libjnijavacpp.so", "libopenblas.so.0")
                .as("oneDNN's linux-arm64 natives refer to x86-64 kernels they lack and cannot load")
                .noneMatch(name -> name.contains("dnnl"));
        assertThat(natives.unresolved()).isEmpty();
        assertThat(natives.fromLinuxPackages()).containsExactly("libgomp.so.1 (libgomp1)");
        assertThat(natives.missingLapack("libjniopenblas.so")).isEmpty();
    }

    /**
     * Where JavaCPP finds what a library of each artifact links: its own jar and those of the presets it builds on
     * (ND4J on OpenBLAS, oneDNN on OpenCL, all on JavaCPP). A copy in an unrelated jar is no help: oneDNN's arm64
     * jar ships libgomp.so.1, yet ND4J loaded the system's when both were in lenet's arm64 build.
     */
    static final Map<String, List<String>> LOADS_FROM = Map.of(
            "nd4j-native", List.of("nd4j-native", "openblas", "javacpp"),
            "openblas", List.of("openblas", "javacpp"),
            "dnnl", List.of("dnnl", "opencl", "javacpp"),
            "opencl", List.of("opencl", "javacpp"),
            "javacpp", List.of("javacpp"));

    /** The native files in one platform's jars, by name, and what they link to. */
    static final class Natives {
        final Map<String, Path> files = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        /** The artifact each file comes from ({@code nd4j-native}, {@code openblas}, ...). */
        final Map<String, String> artifacts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        final Map<String, String> folders = new TreeMap<>();
        /** What each file links to, read once ({@link #links()}). */
        private Map<String, List<String>> links;

        static Natives of(Path jars, Path unpacked) throws IOException {
            assertThat(jars).as("resolved by .ci/platforms").isDirectory();
            Natives natives = new Natives();
            String folder = jars.getFileName().toString();
            String platform = folder.equals("trap") ? "macosx-arm64" : folder;
            try (Stream<Path> list = Files.list(jars)) {
                // the jars of JavaCPP's natives for the platform (other jars, jline's, carry every platform's files)
                for (Path jar : list.filter(
                                p -> p.getFileName().toString().matches(".*-" + platform + "(-\\w+)?\\.jar"))
                        .toList()) {
                    natives.unpack(jar, unpacked.resolve(folder));
                }
            }
            return natives;
        }

        private void unpack(Path jar, Path into) throws IOException {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : zip.stream().toList()) {
                    String path = entry.getName();
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    if (entry.isDirectory() || !name.matches("(?i).+\\.(so(\\.\\d+)*|dylib|dll)")) {
                        continue;
                    }
                    Path file = into.resolve(name);
                    Files.createDirectories(into);
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                    files.put(name, file);
                    artifacts.put(name, jar.getFileName().toString().replaceFirst("-\\d.*", ""));
                    String folder = path.substring(0, Math.max(0, path.lastIndexOf('/')));
                    folders.put(name, folder.substring(folder.lastIndexOf('/') + 1));
                }
            }
        }

        /** The folder ND4J's JNI library sits in: the build's name, such as {@code linux-x86_64-onednn}. */
        String nd4jBuild() {
            return folders.entrySet().stream()
                    .filter(e -> e.getKey().matches("(lib)?jnind4jcpu\\..*"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow();
        }

        /** What each file links to, by file name, read by the tool for its format once. */
        Map<String, List<String>> links() throws Exception {
            if (links == null) {
                links = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (Map.Entry<String, Path> file : files.entrySet()) {
                    links.put(file.getKey(), links(file.getValue()));
                }
            }
            return links;
        }

        /** Each link of each file that is neither in these jars nor the operating system's, as FILE -> LIBRARY. */
        List<String> unresolved() throws Exception {
            List<String> unresolved = new ArrayList<>();
            for (Map.Entry<String, List<String>> file : links().entrySet()) {
                for (String link : file.getValue()) {
                    String name = link.substring(link.lastIndexOf('/') + 1);
                    if (!shipped(name, artifacts.get(file.getKey())) && !system(link, name)) {
                        unresolved.add(file.getKey() + " -> " + link);
                    }
                }
            }
            return unresolved;
        }

        /** The Linux libraries some file links that no jar it loads from ships, with the package that has each. */
        Set<String> fromLinuxPackages() throws Exception {
            Set<String> needed = new TreeSet<>();
            for (Map.Entry<String, List<String>> file : links().entrySet()) {
                for (String name : file.getValue()) {
                    if (LINUX_PACKAGES.containsKey(name) && !shipped(name, artifacts.get(file.getKey()))) {
                        needed.add(name + " (" + LINUX_PACKAGES.get(name) + ")");
                    }
                }
            }
            return needed;
        }

        /**
         * In these jars, under its own name or the one JavaCPP loads it as: {@code openblas@.0#openblas_nolapack@.0}
         * makes the Loader link libopenblas as libopenblas_nolapack (OpenBLAS's presets).
         */
        private boolean shipped(String name, String from) {
            List<String> scope = LOADS_FROM.get(from);
            assertThat(scope).as("which jars %s's libraries load from", from).isNotNull();
            return Stream.of(name, name.replace("openblas_nolapack", "openblas"))
                    .anyMatch(n -> files.containsKey(n) && scope.contains(artifacts.get(n)));
        }

        private boolean system(String link, String name) {
            if (link.startsWith("/usr/lib/") || link.startsWith("/System/Library/")) {
                return true; // macOS
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("api-ms-win-") || WINDOWS.contains(lower)) {
                return true;
            }
            return LINUX.contains(name) || LINUX_PACKAGES.containsKey(name);
        }

        /** The LAPACK routines ND4J calls that the OpenBLAS JNI library {@code jni} has no function for. */
        List<String> missingLapack(String jni) throws IOException {
            assertThat(files).as("OpenBLAS's JNI library").containsKey(jni);
            String text = new String(Files.readAllBytes(files.get(jni)), StandardCharsets.ISO_8859_1);
            return LAPACK.stream()
                    .filter(r -> !text.contains("Java_org_bytedeco_openblas_global_openblas_LAPACKE_1" + r))
                    .toList();
        }

        private static final Pattern ELF = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[(.+)]");
        private static final Pattern MACHO = Pattern.compile("^\\s+(\\S+) \\(compatibility version");
        private static final Pattern PE = Pattern.compile("^\\s*DLL Name: (\\S+)");

        /** The libraries {@code file} links to, read by the tool for its format. */
        static List<String> links(Path file) throws Exception {
            byte[] magic = new byte[4];
            try (InputStream in = Files.newInputStream(file)) {
                assertThat(in.readNBytes(magic, 0, 4)).isEqualTo(4);
            }
            List<String> command;
            Pattern line;
            if (magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F') {
                command = List.of("readelf", "-d", file.toString());
                line = ELF;
            } else if (magic[0] == 'M' && magic[1] == 'Z') {
                command = List.of("x86_64-w64-mingw32-objdump", "-p", file.toString());
                line = PE;
            } else {
                command = List.of("llvm-objdump", "--macho", "--dylibs-used", file.toString());
                line = MACHO;
            }
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue())
                    .as(String.join(" ", command) + ": " + out)
                    .isZero();
            List<String> links = new ArrayList<>();
            for (String text : out.split("\\R")) {
                Matcher m = line.matcher(text);
                if (m.find()) {
                    links.add(m.group(1));
                }
            }
            return links;
        }
    }
}
