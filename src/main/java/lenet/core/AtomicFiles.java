package lenet.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either the old complete file or the new complete one: the content goes to a
 * temporary file in the same folder, is forced to disk, and is then renamed over the target in one step.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** {@link #write}, with a failure as one line: {@code FILE: cannot write WHAT (reason)}. */
    public static void writeOrFail(Path target, String what, Content content) {
        try {
            write(target, content);
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(target) + ": cannot write " + what + " (" + IoErrors.describe(e) + ")", e);
        }
    }

    /**
     * Checks, before any work, that files can be written in {@code dir}: makes it if need be, then creates and
     * deletes a hidden file named {@code .NAME.*.check}.
     */
    public static void probeFolder(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.delete(Files.createTempFile(dir, "." + name + ".", ".check"));
    }

    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                // temporary files are private; the result should be readable like any other file the user writes
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
