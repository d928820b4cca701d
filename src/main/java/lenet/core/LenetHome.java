package lenet.core;

import java.nio.file.Path;

/**
 * Where the shipped data and the default models folder live. The launcher passes the repository root as the
 * {@code lenet.home} system property, so {@code lenet} works from any working directory; without it the
 * working directory is used.
 */
public final class LenetHome {
    private LenetHome() {}

    public static Path dir() {
        String home = System.getProperty("lenet.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home))
                .toAbsolutePath()
                .normalize();
    }

    public static Path modelsDir() {
        return dir().resolve("models");
    }

    /** A path as a person would type it: relative to the working directory when below it, else absolute. */
    public static String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
