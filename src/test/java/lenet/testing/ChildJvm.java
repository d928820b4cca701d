package lenet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lenet.core.LenetHome;

/**
 * {@code lenet} run as its own process ({@code java ... lenet.Main ARGS}, the test classpath), for what only a
 * process shows: exit codes, signals, JVM options, the environment. Its output goes to files, so a child that hangs
 * is killed at the timeout instead of blocking the test on a full pipe.
 */
public final class ChildJvm {
    /** What the child printed and how it ended. */
    public record Result(int exitCode, String out, String err) {}

    private ChildJvm() {}

    /**
     * The command line that runs {@code lenet ARGS} in a JVM of its own, on the test classpath, for tests that start
     * the process themselves (to signal it, or to read its output as it comes).
     *
     * @param jvmOptions options before the main class, for example {@code -Xmx96m}
     */
    public static List<String> command(List<String> jvmOptions, List<String> args) {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        // lenet.home first: an option of the caller's comes later and wins
        List<String> command =
                new ArrayList<>(List.of(java.toString(), "-XX:+UseSerialGC", "-Dlenet.home=" + LenetHome.dir()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "lenet.Main"));
        command.addAll(args);
        return command;
    }

    /**
     * @param jvmOptions options before the main class, for example {@code -Xmx96m}
     * @param env        variables to set ({@code null} value: remove)
     */
    public static Result run(List<String> jvmOptions, Map<String, String> env, List<String> args, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = command(jvmOptions, args);
        Path out = Files.createTempFile("lenet-child", ".out");
        Path err = Files.createTempFile("lenet-child", ".err");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            env.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            Process child = builder.start();
            if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
                throw new AssertionError("lenet " + args + " did not end within " + timeoutSeconds + " s; stderr: "
                        + Files.readString(err));
            }
            return new Result(child.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
