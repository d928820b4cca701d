package lenet.cli;

import java.io.PrintWriter;
import java.util.List;
import lenet.compute.ComputePath;
import lenet.core.Backend;
import lenet.core.BackendChoice;
import lenet.core.CrashDumps;
import lenet.core.LenetException;
import lenet.core.Logging;
import lenet.core.NativeLibraries;
import lenet.core.NativeMemory;
import lenet.core.StopSignal;
import lenet.core.TestHold;
import lenet.core.Threads;
import lenet.output.Terminal;
import org.bytedeco.javacpp.Loader;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The one place that builds the {@link CommandLine}: commands, streams, error handlers and exit codes
 * (0 success, 1 a failed check or an internal error, 2 bad usage or bad input, 130 Ctrl-C, 143 SIGTERM).
 */
public final class Cli {
    static final int MIN_HELP_WIDTH = Terminal.NARROWEST;
    static final int MAX_HELP_WIDTH = 100;

    private Cli() {}

    public static CommandLine getCommandLine(PrintWriter out, PrintWriter err) {
        return getCommandLine(out, err, null);
    }

    /**
     * @param stop Ctrl-C and SIGTERM caught since the process started ({@link #catchSignals}), or null to catch them
     *             from when the command starts up
     */
    public static CommandLine getCommandLine(PrintWriter out, PrintWriter err, StopSignal stop) {
        NativeMemory.configure(); // before ND4J loads
        // lenet draws into images and never opens a window: no X display (a stale DISPLAY over ssh) can stop it
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // shown in --help as the default of --threads
        System.setProperty("lenet.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        CommandLine commandLine = new CommandLine(new LenetCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        HyperParameterOptions.describeDatasetDefaults(
                commandLine.getSubcommands().get("train"));
        commandLine.setParameterExceptionHandler(new ShortErrorHandler());
        commandLine.setExecutionExceptionHandler(new ExecutionExceptionHandler());
        commandLine.setExecutionStrategy(parseResult -> {
            if (onlyPrintsHelp(parseResult)) {
                commandLine.setUsageHelpWidth(helpWidth(Terminal.stdoutWidth()));
            } else {
                startUp(commandLine, parseResult, stop != null ? stop : catchSignals(err));
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine;
    }

    /**
     * Sets up logging and the backend with Ctrl-C and SIGTERM already caught: a signal during the seconds ND4J takes
     * to load ends the run with one line and its exit code, not silently. A command that stops gracefully
     * ({@link Stoppable}) takes the same request over; for the others the JVM's handlers come back before they run.
     */
    private static void startUp(CommandLine commandLine, ParseResult parseResult, StopSignal stop) {
        try {
            TestHold.at("start-up");
            Logging.configure(isVerbose(parseResult));
            CrashDumps.disable();
            prepareBackend(commandLine, parseResult);
            if (stop.requested()) {
                throw new CommandLine.ExecutionException(
                        commandLine,
                        "interrupted",
                        new LenetException(
                                stop.exitCode(),
                                "interrupted while starting up: nothing was read or written; run the same command "
                                        + "again to start"));
            }
        } catch (RuntimeException e) {
            stop.close();
            throw e;
        }
        Object command = leaf(parseResult).commandSpec().userObject();
        if (command instanceof Stoppable stoppable) {
            stoppable.takeOver(stop);
        } else {
            stop.close();
        }
    }

    /**
     * Catches Ctrl-C and SIGTERM until a command takes them over or starts without them: the first one says that
     * lenet stops once started up, a second one quits at once.
     */
    public static StopSignal catchSignals(PrintWriter err) {
        return StopSignal.install(() -> {
            err.println("lenet: stopping once started up (press Ctrl-C again to quit at once)");
            err.flush();
        });
    }

    /** The command that runs: the last one on the command line. */
    private static ParseResult leaf(ParseResult parseResult) {
        ParseResult level = parseResult;
        while (level.subcommand() != null) {
            level = level.subcommand();
        }
        return level;
    }

    /**
     * Loads the requested ND4J backend with the requested threads and checks what actually loaded, before any command
     * runs. (The relaunch for a backend that needs other environment variables happened in {@code Main}.)
     */
    private static void prepareBackend(CommandLine commandLine, ParseResult parseResult) {
        try {
            BackendChoice.Requested requested = requestedBackend(parseResult);
            Integer chosen = globalOption(parseResult, "--threads", null);
            int threads = chosen == null ? Threads.available() : chosen;
            if (threads < 1) {
                throw new CommandLine.ParameterException(
                        commandLine, "Invalid value for option '--threads': " + threads + " (must be at least 1)");
            }
            BackendChoice.checkBuild(requested, BackendChoice.cudaOnClasspath());
            try {
                Backend.loadQuietly(isVerbose(parseResult), () -> Threads.apply(threads, chosen != null));
            } catch (LinkageError | RuntimeException e) { // a native library that did not load: one line, not a trace
                String why = NativeLibraries.explain(e, Loader.getPlatform());
                if (why == null) {
                    throw e;
                }
                throw new LenetException(LenetException.INTERNAL_ERROR, why, e);
            }
            BackendChoice.verify(requested, Backend.describe());
            ComputePath.prepareLayers();
            String fallback = ComputePath.forInference().warning();
            String command = leaf(parseResult).commandSpec().name();
            if (fallback != null && !command.equals("train") && !command.equals("info")) {
                // train says which path trains, info which path runs; the others compute as eval does
                commandLine.getErr().println("lenet: warning: " + fallback);
                commandLine.getErr().flush();
            }
        } catch (LenetException e) {
            throw new CommandLine.ExecutionException(commandLine, e.getMessage(), e);
        }
    }

    /** {@code --backend} wherever it was given, else {@code LENET_BACKEND}, else auto. */
    static BackendChoice.Requested requestedBackend(ParseResult parseResult) {
        return BackendChoice.requested(globalOption(parseResult, "--backend", null), System.getenv());
    }

    /** The value of an inherited option wherever on the command line it was given, else {@code fallback}. */
    static <T> T globalOption(ParseResult parseResult, String name, T fallback) {
        T value = fallback;
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(name)) {
                value = level.matchedOptionValue(name, fallback);
            }
        }
        return value;
    }

    /** Whether {@code --verbose} was given at any level of the command line. */
    static boolean isVerbose(ParseResult parseResult) {
        return globalOption(parseResult, "--verbose", false);
    }

    /**
     * Help and {@code --version} need no logging set up and no ND4J, so they start as fast as the JVM allows, and
     * answer even where ND4J's native libraries cannot load.
     */
    static boolean onlyPrintsHelp(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            Object command = level.commandSpec().userObject();
            if (level.isUsageHelpRequested()
                    || level.isVersionHelpRequested()
                    || command instanceof CommandLine.HelpCommand
                    || command instanceof picocli.AutoComplete.GenerateCompletion) {
                return true;
            }
        }
        return false;
    }

    /**
     * Help as wide as the terminal, but no wider than {@value #MAX_HELP_WIDTH} columns (longer lines read badly) and
     * no narrower than picocli's {@value #MIN_HELP_WIDTH}; 80 columns in a file or a pipe.
     */
    static int helpWidth(int terminalWidth) {
        return terminalWidth <= 0
                ? Terminal.DEFAULT_WIDTH
                : Math.max(MIN_HELP_WIDTH, Math.min(MAX_HELP_WIDTH, terminalWidth));
    }

    /** The names of the subcommands, for messages. */
    static List<String> commandNames(CommandLine commandLine) {
        return List.copyOf(commandLine.getSubcommands().keySet());
    }
}
