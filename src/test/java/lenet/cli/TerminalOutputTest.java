package lenet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lenet.core.LenetHome;
import lenet.output.ConsoleText;
import lenet.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees in a terminal: every command's help within 80 columns, the same text in any locale (ASCII
 * spellings where the locale has no UTF-8), and the training progress bar in a real terminal without the launcher.
 */
class TerminalOutputTest {
    private static final List<String> COMMANDS = List.of("", "train", "eval", "predict", "inspect", "info");

    @TempDir
    Path dir;

    @Test
    void everyHelpFitsEightyColumnsInAFile() {
        for (String command : COMMANDS) {
            CliRun run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");

            assertThat(run.outLines())
                    .as("lenet %s --help", command)
                    .isNotEmpty()
                    .allSatisfy(line ->
                            assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(80));
        }
    }

    @Test
    void helpIsAsWideAsTheTerminalWithinBounds() {
        assertThat(Cli.helpWidth(0)).as("a file or a pipe").isEqualTo(80);
        assertThat(Cli.helpWidth(80)).isEqualTo(80);
        assertThat(Cli.helpWidth(120)).isEqualTo(100);
        assertThat(Cli.helpWidth(200)).isEqualTo(100);
        assertThat(Cli.helpWidth(40)).isEqualTo(55);
    }

    @Test
    void underAnAsciiCharsetEveryHelpIsAsciiAndLosesNoCharacterToAQuestionMark() {
        for (String command : COMMANDS) {
            String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
            String utf8 = help(args, StandardCharsets.UTF_8);
            String ascii = help(args, StandardCharsets.US_ASCII);

            assertThat(ascii.chars()).as("lenet %s --help", command).allMatch(c -> c < 0x80);
            assertThat(ascii.split("\\R"))
                    .as("ASCII spellings (... for …) do not push a line past 80 columns")
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
            assertThat(count(ascii, '?')).as("question marks").isEqualTo(count(utf8, '?'));
        }
        assertThat(help(new String[] {"inspect", "--help"}, StandardCharsets.US_ASCII))
                .contains("28x28")
                .doesNotContain("28?28");
    }

    @Test
    void theCLocaleGetsAsciiAndAUtf8LocaleUtf8EvenWhenItIsNotInstalled() throws Exception {
        Map<String, String> c = new HashMap<>(Map.of("LC_ALL", "C"));
        Map<String, String> english = new HashMap<>(Map.of("LC_ALL", "en_US.UTF-8"));

        ChildJvm.Result ascii = ChildJvm.run(List.of(), c, List.of("inspect", "--help"), 60);
        ChildJvm.Result utf8 = ChildJvm.run(List.of(), english, List.of("inspect", "--help"), 60);

        assertThat(ascii.exitCode()).isZero();
        assertThat(ascii.out())
                .contains("of the 28x28 input")
                .doesNotContain("?")
                .matches("\\p{ASCII}*");
        assertThat(utf8.exitCode()).isZero();
        assertThat(utf8.out()).contains("of the 28×28 input");
    }

    @Test
    void javaDashJarShowsTheProgressBarInARealTerminalFittedToItsWidth() throws Exception {
        assumeThat(onPath("script"))
                .as("util-linux's script(1), to give lenet a terminal")
                .isTrue();
        Path model = dir.resolve("m.zip");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // what java -jar runs, without the launcher (which once told lenet about the terminal), in a 70-column pty
        String lenet = String.join(
                " ",
                java,
                "-XX:+UseSerialGC",
                "-Dlenet.home=" + LenetHome.dir(),
                "-cp",
                System.getProperty("java.class.path"),
                "lenet.Main train --epochs 1 --limit 2000 --val-size 200 --output",
                model.toString());
        Path typescript = dir.resolve("typescript");
        Process script = new ProcessBuilder("script", "-qec", "stty cols 70 rows 24; exec " + lenet, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(typescript.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(script.waitFor(180, TimeUnit.SECONDS)).as("training ended").isTrue();
        String shown = Files.readString(typescript, StandardCharsets.UTF_8);

        assertThat(script.exitValue()).as(shown).isZero();
        List<String> bar = Arrays.stream(shown.split("[\r\n]+"))
                .map(s -> s.replace("\u001b[K", ""))
                .filter(s -> s.startsWith("epoch 1/1 ") && s.contains(" batches"))
                .toList();
        assertThat(bar)
                .as(shown)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(69));
        assertThat(shown)
                .as("the table and the result follow the bar")
                .contains("epoch  train loss  val loss  val accuracy  images/s  seconds")
                .contains("test accuracy ");
    }

    private static String help(String[] args, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintWriter writer = ConsoleText.writer(out, charset);
        int code = Cli.getCommandLine(writer, new PrintWriter(new ByteArrayOutputStream(), true))
                .execute(args);
        writer.flush();
        assertThat(code).isZero();
        return out.toString(charset);
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
