package lenet.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import lenet.core.IoErrors;
import lenet.core.LenetException;
import lenet.core.LenetHome;

/**
 * One writer per model: a training run holds an operating-system lock ({@code fcntl}, through
 * {@link FileChannel#tryLock()}) on {@code .NAME.lock} beside its {@code --output} for as long as it runs, so that a
 * second run with the same output refuses at once instead of overwriting the first one's files. The system releases
 * the lock when the process ends, however it ends ({@code kill -9} too), so a lock is never stale. The file holds the
 * holder's process id, which a refused run names, and is removed when the run ends (a killed run leaves it, and the
 * next run takes it over).
 *
 * <p>Removing it is safe: the holder deletes it before it lets go of the lock, and a run that locked a file someone
 * deleted meanwhile sees that ({@code /proc/self/fd} shows the file it holds as deleted) and starts again with the
 * file now there. It never opens the lock file a second time: closing any descriptor of a file ends every POSIX lock
 * the process holds on it.
 */
public final class WriterLock implements AutoCloseable {
    /** How often a run tries again when the lock file it locked was removed in between. */
    private static final int ATTEMPTS = 10;

    private final Path file;
    private final FileChannel channel;

    private WriterLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** {@code models/lenet.zip} gives {@code models/.lenet.zip.lock}. */
    public static Path fileFor(Path output) {
        return output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".lock");
    }

    /**
     * Takes the lock on {@code output}'s files (the model, {@code NAME-last.zip}, the metrics and curves beside it).
     *
     * @throws LenetException (bad input) naming the file and the process that holds it
     */
    public static WriterLock acquire(Path output) {
        Path file = fileFor(output);
        String mine = ProcessHandle.current().pid() + "\n";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // this JVM holds it already (tests run lenet in their own process)
                }
                if (lock == null) {
                    String holder = holder(channel);
                    channel.close();
                    throw LenetException.badInput(LenetHome.display(output) + ": another lenet train "
                            + (holder.isEmpty() ? "" : "(process " + holder + ") ")
                            + "is writing this model and the files beside it; wait for it to end, or give --output "
                            + "another file");
                }
                if (stillNamed(file)) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(mine.getBytes(StandardCharsets.US_ASCII)), 0);
                    return new WriterLock(file, channel);
                }
                channel.close(); // the file was removed by the run that held it: lock the one there now
            } catch (IOException e) {
                closeQuietly(channel);
                throw LenetException.badInput(
                        LenetHome.display(output) + ": cannot lock it for writing (" + LenetHome.display(file) + ": "
                                + IoErrors.describe(e) + ")",
                        e);
            }
        }
        throw LenetException.badInput(LenetHome.display(output) + ": cannot lock it for writing ("
                + LenetHome.display(file) + " was removed " + ATTEMPTS + " times while lenet locked it)");
    }

    /** The process id the holder wrote, or "" (not written yet, or unreadable). */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer content = ByteBuffer.allocate(64);
            channel.read(content, 0);
            String text = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII);
            String pid = text.split(" ", 2)[0].trim();
            return pid.matches("\\d{1,19}") ? pid : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Whether the lock file this process holds open is still the one named {@code file}: not removed by the run that
     * held it before. Where there is no {@code /proc} it cannot tell, and says yes.
     */
    private static boolean stillNamed(Path file) throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        if (!Files.isDirectory(descriptors)) {
            return true;
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return false;
        }
        try (Stream<Path> open = Files.list(descriptors)) {
            return open.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException e) {
                    return false; // closed meanwhile, or not a link to a file
                }
            });
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock, if any, goes with the channel
            }
        }
    }

    /** Removes the file, then lets go of the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left behind: the next run takes it over
        }
        closeQuietly(channel); // releases the lock
    }
}
