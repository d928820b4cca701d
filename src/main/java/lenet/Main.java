package lenet;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import lenet.cli.Cli;
import lenet.core.BackendChoice;
import lenet.core.LenetException;
import lenet.core.Relaunch;
import lenet.core.StopSignal;
import lenet.output.ConsoleText;

/** Entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        if (!Relaunch.isRelaunched(env)) {
            Map<String, String> relaunch = null;
            try {
                relaunch = BackendChoice.relaunchEnvironment(
                        BackendChoice.requested(BackendChoice.flagIn(args), env), BackendChoice.cudaOnClasspath(), env);
            } catch (LenetException e) {
                // a bad LENET_BACKEND value: the command line below reports it in one line
            }
            if (relaunch != null) {
                // ND4J reads its backend priorities from the environment once: start a JVM that has them.
                System.exit(Relaunch.run(Main.class, args, relaunch));
            }
        }
        // in the charset the terminal takes: ASCII spellings of ×, → and … under the C locale, not ?
        Charset charset = ConsoleText.charset();
        PrintWriter out = ConsoleText.writer(System.out, charset);
        PrintWriter err = ConsoleText.writer(System.err, charset);
        int code;
        // Ctrl-C and SIGTERM from here on end a command with one line, not silently (the command takes them over)
        StopSignal stop = Cli.catchSignals(err);
        try {
            code = Cli.getCommandLine(out, err, stop).execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands on errors that are not exceptions: still one line, and the way out
            code = fatal(
                    err,
                    args,
                    e,
                    "out of memory in a " + (Runtime.getRuntime().maxMemory() >> 20)
                            + " MB Java heap; give more with LENET_JAVA_OPTS=-Xmx2g");
        } catch (Error e) {
            code = fatal(err, args, e, "internal error: " + e);
        }
        stop.close();
        out.flush();
        err.flush();
        // ND4J keeps non-daemon threads alive; exit explicitly.
        System.exit(code);
    }

    private static int fatal(PrintWriter err, String[] args, Error e, String message) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            e.printStackTrace(err);
        }
        err.println("lenet: " + message);
        return LenetException.INTERNAL_ERROR;
    }
}
