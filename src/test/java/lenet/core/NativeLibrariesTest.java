package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A native library that does not load is one line naming it and what to install. The messages are the operating
 * systems' own, as users met them: glibc's from lenet's arm64 build run without libgomp (.ci/arm64), dyld's from
 * javacpp-presets issue 573 and libnd4j issue 241, JavaCPP's from deeplearning4j issue 2981.
 */
class NativeLibrariesTest {
    @Test
    void aMissingLinuxSystemLibraryIsNamedWithThePackageToInstall() {
        String glibc = "/root/.javacpp/cache/lenet.jar/org/nd4j/linalg/cpu/nativecpu/bindings/linux-arm64/"
                + "libjnind4jcpu.so: libgomp.so.1: cannot open shared object file: No such file or directory";
        Throwable chain = new ExceptionInInitializerError(
                new RuntimeException("ND4J is probably missing dependencies.", new UnsatisfiedLinkError(glibc)));

        assertThat(NativeLibraries.explain(chain, "linux-arm64"))
                .isEqualTo("ND4J's native code cannot load on linux-arm64: libgomp.so.1 is missing, the GNU OpenMP"
                        + " runtime: install it (Debian, Ubuntu: apt-get install libgomp1; Fedora: dnf install libgomp;"
                        + " Alpine: apk add libgomp)");
    }

    @Test
    void aMissingMacLibraryIsNamedFromDyldsMessage() {
        String dyld = "/Users/mldemovm/.javacpp/cache/openblas-0.3.0-1.4.2-macosx-x86_64.jar/org/bytedeco/javacpp/"
                + "macosx-x86_64/libjniopenblas.dylib: dlopen(/Users/mldemovm/.javacpp/cache/openblas-0.3.0-1.4.2-"
                + "macosx-x86_64.jar/org/bytedeco/javacpp/macosx-x86_64/libjniopenblas.dylib, 1): Library not loaded:"
                + " /usr/local/opt/gcc/lib/gcc/8/libquadmath.0.dylib\n  Referenced from: /Users/mldemovm/.javacpp/"
                + "cache/openblas.jar/libopenblas.dylib\n  Reason: image not found";

        assertThat(NativeLibraries.explain(new UnsatisfiedLinkError(dyld), "macosx-x86_64"))
                .isEqualTo("ND4J's native code cannot load on macosx-x86_64: libquadmath.0.dylib is missing (run again"
                        + " with --verbose for details)");
        assertThat(NativeLibraries.explain(
                        new UnsatisfiedLinkError("dlopen(libjnind4j.dylib, 1): Library not loaded: libmkl_rt.dylib\n"
                                + "  Referenced from: libnd4j.dylib\n  Reason: image not found"),
                        "macosx-x86_64"))
                .startsWith("ND4J's native code cannot load on macosx-x86_64: libmkl_rt.dylib is missing");
    }

    @Test
    void noNativesForThisPlatformSaysHowToBuildThem() {
        assertThat(NativeLibraries.explain(
                        new UnsatisfiedLinkError("no jniopenblas in java.library.path"), "macosx-arm64"))
                .isEqualTo("ND4J's native code cannot load on macosx-arm64: this build has none for this platform"
                        + " (no jniopenblas); build lenet on this machine (./lenet does), or with mvn"
                        + " -Djavacpp.platform=macosx-arm64 package");
    }

    @Test
    void nativesOfAnotherArchitectureAreSaidToBe() {
        String dyld = "dlopen(libjnijavacpp.dylib, 0x0001): tried: 'libjnijavacpp.dylib' (mach-o file, but is an"
                + " incompatible architecture (have 'x86_64', need 'arm64'))";
        assertThat(NativeLibraries.explain(new UnsatisfiedLinkError(dyld), "macosx-arm64"))
                .startsWith("ND4J's native code cannot load on macosx-arm64: the natives in this build are for another"
                        + " platform");
    }

    @Test
    void windowsNamesNoLibrarySoTheRuntimeToInstallIsSaid() {
        assertThat(NativeLibraries.explain(
                        new UnsatisfiedLinkError("C:\\Users\\me\\.javacpp\\cache\\jniopenblas_nolapack.dll: Can't"
                                + " find dependent libraries"),
                        "windows-x86_64"))
                .contains("install the Microsoft Visual C++ Redistributable (x64)");
    }

    @Test
    void anythingButALinkErrorIsNotExplained() {
        assertThat(NativeLibraries.explain(new IllegalStateException("no"), "linux-x86_64"))
                .isNull();
        assertThat(NativeLibraries.explain(new ExceptionInInitializerError(new ArithmeticException()), "linux-x86_64"))
                .isNull();
    }
}
