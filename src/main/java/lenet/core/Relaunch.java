package lenet.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts this program again in a new JVM with extra environment variables, and returns its exit code. */
public final class Relaunch {
    /** Set in the new JVM, so that it never starts a third. */
    public static final String MARKER = "LENET_RELAUNCHED";

    private Relaunch() {}

    public static boolean isRelaunched(Map<String, String> env) {
        return env.containsKey(MARKER);
    }

    /** The command that starts {@code mainClass} with the same JVM options, class path and arguments. */
    public static List<String> command(
            String javaBinary, List<String> jvmOptions, String classPath, String mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    public static int run(Class<?> mainClass, String[] args, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(command(
                        java,
                        ManagementFactory.getRuntimeMXBean().getInputArguments(),
                        System.getProperty("java.class.path"),
                        mainClass.getName(),
                        args))
                .inheritIO();
        builder.environment().putAll(extraEnv);
        builder.environment().put(MARKER, "1");
        Process child = builder.start();
        // The child handles the signals (training saves its state on the first): Ctrl-C reaches it from the terminal
        // on its own, as it is in the same process group, so this JVM ignores it and waits; SIGTERM, sent to this
        // process alone, is passed on.
        sun.misc.SignalHandler int0 = sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> {});
        sun.misc.SignalHandler term0 = sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> child.destroy());
        try {
            return child.waitFor();
        } finally {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), int0);
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), term0);
            child.destroy();
        }
    }
}
