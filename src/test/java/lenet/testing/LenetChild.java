package lenet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lenet.core.TestHold;

/**
 * A {@code lenet} command running in a JVM of its own, for what only a process shows: signals, exit codes, two runs
 * at once. Its stdout is read line by line as it comes, its stderr goes to a file; with {@link #holdingAt} it stops
 * at a named point of the run ({@link TestHold}) until {@link #release()}, so that a signal can be sent there.
 */
public final class LenetChild {
    /** How long the child may take to reach what a test waits for: start-up, data and a small run. */
    private static final long DEADLINE_MS = 120_000;

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final Path errFile;

    private LenetChild(Process process, Path errFile) {
        this.process = process;
        this.errFile = errFile;
    }

    public static LenetChild start(List<String> args) throws IOException {
        return start(List.of(), args);
    }

    /** Starts {@code lenet ARGS} held at {@code point} the first time the run reaches it. */
    public static LenetChild holdingAt(String point, List<String> args) throws IOException {
        return start(List.of("-D" + TestHold.PROPERTY + "=" + point), args);
    }

    /** Starts {@code lenet ARGS} with JVM options ({@code -Dlenet.home=DIR} among them wins over the default). */
    public static LenetChild start(List<String> jvmOptions, List<String> args) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx1g"));
        options.addAll(jvmOptions);
        Path errFile = Files.createTempFile("lenet-child", ".err");
        errFile.toFile().deleteOnExit();
        Process process = new ProcessBuilder(ChildJvm.command(options, args))
                .redirectError(errFile.toFile())
                .start();
        LenetChild child = new LenetChild(process, errFile);
        Thread reader = new Thread(child::readOut, "child stdout");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private void readOut() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    out.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the stream ends with the process
        }
        synchronized (this) {
            notifyAll();
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the child has printed {@code lines} lines on stdout (an epoch's JSON line each, with --json). */
    public synchronized void awaitOutLines(int lines) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (out.size() < lines && process.isAlive() && System.currentTimeMillis() < deadline) {
            wait(100);
        }
        assertThat(out).as("stdout lines; stderr: %s", errQuietly()).hasSizeGreaterThanOrEqualTo(lines);
    }

    /** Waits until the child's stderr holds {@code text}. */
    public void awaitErr(String text) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!err().contains(text) && process.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10); // polls the file for the line; the deadline only bounds a child that never prints it
        }
        assertThat(err()).contains(text);
    }

    /** Waits until the child holds at {@code point}. */
    public void awaitHold(String point) throws Exception {
        awaitErr("lenet-test: holding at " + point + System.lineSeparator());
    }

    /** Lets a held child go on. */
    public void release() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
    }

    /** Sends a signal ({@code INT}, {@code TERM}, {@code KILL}) as {@code kill} does. */
    public void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    public int exitCode() throws InterruptedException {
        if (!process.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lenet did not end in time; stderr: " + errQuietly());
        }
        return process.exitValue();
    }

    public synchronized List<String> outLines() {
        return List.copyOf(out);
    }

    public String err() throws IOException {
        return Files.readString(errFile);
    }

    /** The last line on stderr. */
    public String lastErrLine() throws IOException {
        List<String> lines = err().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private String errQuietly() {
        try {
            return err();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
