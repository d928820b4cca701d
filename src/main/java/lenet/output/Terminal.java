package lenet.output;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What lenet knows of the terminal it writes to: whether stdout and stderr are terminals, and how many columns wide
 * the terminal is, asked again after every resize (SIGWINCH). Found out by lenet itself, so that {@code java -jar}
 * behaves like the launcher.
 *
 * <p>JLine (on the classpath through progressbar) can answer the same, but only by starting {@code stty} processes
 * (about 250 ms for each terminal it opens, without its optional native module), and its system terminal takes over
 * Ctrl-C, which lenet handles itself ({@code StopSignal}). Here: one {@code readlink} of {@code /proc/self/fd/N}
 * to know whether a stream is a terminal, and one {@code stty size} per resize for the width.
 */
public final class Terminal {
    /** Columns assumed when a terminal does not say. */
    public static final int DEFAULT_WIDTH = 80;

    /** The narrowest terminal lenet lays its output out for: picocli's narrowest help. */
    public static final int NARROWEST = 55;

    /** Set to {@code true} or {@code false} to decide whether stderr counts as a terminal (tests, odd platforms). */
    public static final String STDERR_PROPERTY = "lenet.stderr.tty";

    private static final Terminal SYSTEM = new Terminal(Terminal::askStty);

    private final IntSupplier ask;
    private volatile int width; // 0: ask again

    Terminal(IntSupplier ask) {
        this.ask = ask;
    }

    /** The process's own terminal: the width is asked on first use and again after each resize. */
    public static Terminal system() {
        return SYSTEM;
    }

    /** Whether stderr is a terminal, where a progress bar is wanted ({@value #STDERR_PROPERTY} overrides). */
    public static boolean stderrIsTerminal() {
        String forced = System.getProperty(STDERR_PROPERTY);
        return forced != null ? Boolean.parseBoolean(forced) : isTerminal(2);
    }

    /** Whether stdout is a terminal (output there is laid out for its width). */
    private static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    /** The width to lay stdout's lines out for: the terminal's when stdout is one, else 0 (no limit: a file). */
    public static int stdoutWidth() {
        return stdoutIsTerminal() ? SYSTEM.width() : 0;
    }

    /**
     * Whether file descriptor {@code fd} (1 or 2) is a terminal. On Linux the descriptor's link names its device; where
     * there is no {@code /proc}, Java's own test ({@code System.console()}: stdin and stdout both terminals) decides.
     */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            return isTerminalDevice(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return !Files.isDirectory(Path.of("/proc/self/fd")) && System.console() != null;
        }
    }

    /** Whether a device path is a terminal's: a pseudo-terminal, a virtual console, a serial line or the console. */
    static boolean isTerminalDevice(String path) {
        return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
    }

    /** The terminal's width in columns, or {@link #DEFAULT_WIDTH} when it cannot be told. */
    public int width() {
        int known = width;
        if (known == 0) {
            int asked = ask.getAsInt();
            known = asked > 0 ? asked : DEFAULT_WIDTH;
            width = known;
        }
        return known;
    }

    /** Forgets the width, so that the next {@link #width()} asks again: called on SIGWINCH. */
    void resized() {
        width = 0;
    }

    static {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> SYSTEM.resized());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGWINCH here (Windows): the width is asked once
        }
    }

    /**
     * {@code COLUMNS} when the user exported it, else {@code stty size} on the terminal stderr is on, else the one
     * stdout is on, else the controlling terminal; 0 when none answers.
     */
    private static int askStty() {
        int columns = parseColumns(System.getenv("COLUMNS"));
        if (columns > 0) {
            return columns;
        }
        File device = new File("/dev/tty");
        for (int fd : new int[] {2, 1}) {
            try {
                Path link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
                if (isTerminalDevice(link.toString())) {
                    device = link.toFile();
                    break;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // the next, else the controlling terminal
            }
        }
        try {
            Process stty = new ProcessBuilder("stty", "size")
                    .redirectInput(device)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!stty.waitFor(2, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return 0;
            }
            return parseSttySize(answer);
        } catch (IOException e) {
            return 0; // no terminal, or no stty
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** A positive column count, or 0. */
    static int parseColumns(String value) {
        if (value == null) {
            return 0;
        }
        try {
            int columns = Integer.parseInt(value.trim());
            return columns > 0 ? columns : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The columns in {@code stty size}'s answer ({@code "ROWS COLUMNS"}), or 0. */
    static int parseSttySize(String answer) {
        String[] parts = answer.trim().split("\\s+");
        return parts.length == 2 ? parseColumns(parts[1]) : 0;
    }
}
