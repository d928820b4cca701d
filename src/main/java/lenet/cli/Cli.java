package lenet.cli;

import java.io.PrintWriter;
import java.util.List;
import lenet.core.Logging;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The one place that builds the {@link CommandLine}: commands, streams, error handlers and exit codes
 * (0 success, 1 a failed check, 2 bad usage or bad input, 130 interrupted).
 */
public final class Cli {
    private Cli() {
    }

    public static CommandLine getCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LenetCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new ShortErrorHandler());
        commandLine.setExecutionExceptionHandler(new ExecutionExceptionHandler());
        commandLine.setExecutionStrategy(parseResult -> {
            if (!onlyPrintsHelp(parseResult)) {
                Logging.configure(isVerbose(parseResult));
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine;
    }

    /** Whether {@code --verbose} was given at any level of the command line. */
    static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** Help needs no logging set up (and no ND4J), so it starts as fast as the JVM allows. */
    static boolean onlyPrintsHelp(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            Object command = level.commandSpec().userObject();
            if (level.isUsageHelpRequested() || command instanceof CommandLine.HelpCommand
                    || command instanceof picocli.AutoComplete.GenerateCompletion) {
                return true;
            }
        }
        return false;
    }

    /** The names of the subcommands, for messages. */
    static List<String> commandNames(CommandLine commandLine) {
        return List.copyOf(commandLine.getSubcommands().keySet());
    }
}
