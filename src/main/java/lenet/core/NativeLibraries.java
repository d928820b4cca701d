package lenet.core;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why ND4J's native code did not load, in one line a user can act on: the library that is missing and what to
 * install, or that the build holds no natives for this platform. The JVM says it in a chain of
 * {@code ExceptionInInitializerError}, {@code RuntimeException} and {@code UnsatisfiedLinkError}, in the words of the
 * operating system's loader (glibc's {@code dlopen}, macOS's {@code dyld}, Windows' {@code LoadLibrary}).
 */
public final class NativeLibraries {
    private NativeLibraries() {}

    /** Libraries of the operating system that ND4J's natives link and do not ship, and what to install for each. */
    private static final Map<String, String> SYSTEM_LIBRARIES = Map.of(
            "libgomp.so.1",
            "the GNU OpenMP runtime: install it (Debian, Ubuntu: apt-get install libgomp1; Fedora: dnf install libgomp;"
                    + " Alpine: apk add libgomp)",
            "libstdc++.so.6",
            "the GNU C++ runtime: install it (Debian, Ubuntu: apt-get install libstdc++6; Fedora: dnf install"
                    + " libstdc++)",
            "libgfortran.so.5",
            "the GNU Fortran runtime: install it (Debian, Ubuntu: apt-get install libgfortran5; Fedora: dnf install"
                    + " libgfortran)");

    /** glibc: {@code libgomp.so.1: cannot open shared object file: No such file or directory}. */
    private static final Pattern LINUX_MISSING = Pattern.compile("([^\\s:/]+): cannot open shared object file");
    /** dyld: {@code Library not loaded: @rpath/libgfortran.5.dylib}. */
    private static final Pattern MAC_MISSING = Pattern.compile("Library not loaded: (?:\\S*/)?([^\\s/]+)");
    /** JavaCPP, when no jar holds the library for this platform: {@code no jniopenblas_nolapack in java...}. */
    private static final Pattern NOT_IN_BUILD = Pattern.compile("no (\\S+) in java\\.library\\.path");

    /**
     * One line for the user, or null when {@code failure} is not a native library that failed to load.
     *
     * @param platform the platform JavaCPP loads natives for, such as {@code linux-arm64}
     */
    public static String explain(Throwable failure, String platform) {
        Reason reason = reason(failure);
        return reason == null
                ? null
                : "ND4J's native code cannot load on " + platform + ": " + reason.text
                        + (reason.rebuild
                                ? "; build lenet on this machine (./lenet does), or with mvn -Djavacpp.platform="
                                        + platform + " package"
                                : "");
    }

    /** Why a native library did not load, in a few words (what is missing), or null if that is not the failure. */
    public static String why(Throwable failure) {
        Reason reason = reason(failure);
        return reason == null ? null : reason.text;
    }

    /**
     * @param rebuild  whether building lenet for this platform is the way out
     * @param specific whether it names what failed (a library, an architecture), rather than only that a library
     *                 was not found where JavaCPP looked
     */
    private record Reason(String text, boolean rebuild, boolean specific) {}

    /**
     * The most telling reason in the chain: JavaCPP reports {@code no jnind4jcpu in java.library.path} with the
     * loader's own message (the library that is missing) as its cause.
     */
    private static Reason reason(Throwable failure) {
        Reason first = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsatisfiedLinkError && t.getMessage() != null) {
                Reason reason = reason(t.getMessage());
                if (reason.specific) {
                    return reason;
                }
                first = first == null ? reason : first;
            }
        }
        return first;
    }

    private static Reason reason(String message) {
        if (message.toLowerCase(Locale.ROOT).contains("incompatible architecture") // dyld
                || message.contains("wrong ELF class") // glibc, 32 against 64 bits
                || message.contains("Exec format error") // glibc, another machine
                || message.contains("is not a valid Win32 application")) {
            return new Reason("the natives in this build are for another platform", true, true);
        }
        Matcher missing = LINUX_MISSING.matcher(message);
        if (!missing.find()) {
            missing = MAC_MISSING.matcher(message);
            if (!missing.find()) {
                missing = null;
            }
        }
        if (missing != null) {
            String library = missing.group(1);
            String what = SYSTEM_LIBRARIES.get(library);
            return new Reason(
                    library + " is missing" + (what == null ? " (run again with --verbose for details)" : ", " + what),
                    false,
                    true);
        }
        if (message.contains("Can't find dependent libraries")) {
            // Windows names no library; ND4J's and OpenBLAS's DLLs need Microsoft's C and C++ runtime
            return new Reason(
                    "a library it needs is missing: install the Microsoft Visual C++ Redistributable (x64), then run"
                            + " again (--verbose shows the library that failed)",
                    false,
                    true);
        }
        Matcher notInBuild = NOT_IN_BUILD.matcher(message);
        if (notInBuild.find()) {
            return new Reason("this build has none for this platform (no " + notInBuild.group(1) + ")", true, false);
        }
        return new Reason(message.replaceAll("\\s*\\R\\s*", " "), false, false);
    }
}
