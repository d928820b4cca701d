package lenet.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Bad usage: one line naming what is wrong and where to read more, exit code 2. */
final class ShortErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String message =
                ex.getMessage() == null ? "invalid usage" : ex.getMessage().strip();
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean "
                        + suggestions.stream().limit(3).map(s -> "'" + s + "'").collect(Collectors.joining(" or "))
                        + "?";
            }
        }
        String name = commandLine.getCommandSpec().qualifiedName();
        err.println(name + ": " + message.replaceAll("\\s*\\R\\s*", "; ") + " (see '" + name + " --help')");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
