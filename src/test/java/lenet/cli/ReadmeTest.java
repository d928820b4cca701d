package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README is the user's manual, and its option tables must not drift from the commands: under each
 * {@code ### lenet COMMAND} heading, one table lists every option that command's {@code --help} lists (all but -h and
 * -V), with the default its help states in "(default: …)", or "—" where it states none; and no option that the
 * command does not have.
 */
class ReadmeTest {
    private static final Path README = Path.of("README.md");
    private static final Pattern DEFAULT = Pattern.compile("\\(default: ([^()]*)\\)");

    @Test
    void isAManualOfAtMost300Lines() throws IOException {
        List<String> lines = Files.readAllLines(README);
        assertThat(lines).hasSizeLessThanOrEqualTo(300);
        String text = String.join("\n", lines);
        assertThat(text).as("no dates").doesNotContainPattern("20[0-9]{2}-[01][0-9]-[0-3][0-9]");
        assertThat(text)
                .as("no commit hashes")
                .doesNotContainPattern("\\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\\b");
        assertThat(text).as("the test command .ci/run reads").contains("mvn test ");
    }

    @Test
    void everyCommandsOptionsAndDefaultsAreTheHelps() throws IOException {
        String readme = Files.readString(README);
        CommandLine lenet =
                Cli.getCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (String command : List.of("train", "eval", "predict", "serve", "inspect", "export", "info")) {
            Map<String, String> documented = table(readme, command);
            Map<String, String> helped = helpDefaults(lenet.getSubcommands().get(command), false);
            assertThat(documented)
                    .as("lenet %s: the README's options and defaults", command)
                    .containsExactlyInAnyOrderEntriesOf(helped);
        }
        // the options every command inherits, in one table under ## Commands
        Map<String, String> inherited = helpDefaults(lenet.getSubcommands().get("eval"), true);
        assertThat(inherited).containsKeys("--backend", "--threads", "--verbose");
        assertThat(rows(section(readme, "\n## Commands\n", "common options")))
                .as("the README's options of every command")
                .containsExactlyInAnyOrderEntriesOf(inherited);
    }

    @Test
    void theTableReaderSeesAChangedDefault() {
        String readme = "\n### lenet train\n\n| option | default | meaning |\n| --- | --- | --- |\n"
                + "| `--epochs N` | 12 | passes |\n| `-o, --output FILE` | — | x |\n\n## Next\n";
        assertThat(table(readme, "train")).containsExactly(Map.entry("--epochs", "12"), Map.entry("--output", "—"));
    }

    /** The options of the README's table for {@code command}, by longest name, with their default cells. */
    private static Map<String, String> table(String readme, String command) {
        Map<String, String> options = rows(section(readme, "\n### lenet " + command + "\n", "lenet " + command));
        assertThat(options).as("the table of ### lenet %s", command).isNotEmpty();
        return options;
    }

    /** The text from {@code heading} to the next heading. */
    private static String section(String readme, String heading, String what) {
        int start = readme.indexOf(heading);
        assertThat(start).as("a section for %s", what).isNotNegative();
        int end = readme.indexOf("\n#", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** A table's options, by longest name, with their default cells. */
    private static Map<String, String> rows(String section) {
        Map<String, String> options = new TreeMap<>();
        Matcher row =
                Pattern.compile("(?m)^\\| `(-[^`]*)` \\| (.*?) \\| .*\\|$").matcher(section);
        while (row.find()) {
            String longest = "";
            for (String name : row.group(1).split(", ")) {
                String option = name.split(" ")[0];
                longest = option.length() > longest.length() ? option : longest;
            }
            options.put(longest, row.group(2).replace("\\|", "|"));
        }
        return options;
    }

    /**
     * The options {@code --help} lists but -h and -V, by longest name, with their "(default: …)" text or "—": those
     * the command inherits from {@code lenet}, or its own.
     */
    private static Map<String, String> helpDefaults(CommandLine command, boolean inherited) {
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp() || option.hidden() || option.inherited() != inherited) {
                continue;
            }
            String description = String.join(" ", option.renderedDescription()).replace("%%", "%");
            Matcher m = DEFAULT.matcher(description);
            String value = "—";
            while (m.find()) {
                value = m.group(1);
            }
            options.put(option.longestName(), value);
        }
        return new TreeMap<>(options);
    }
}
