package lenet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryOne() throws IOException {
        Path target = dir.resolve("model.zip");
        Files.writeString(target, "the previous complete checkpoint");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
                    out.write(new byte[100_000]);
                    throw new IOException("No space left on device"); // as a full disk fails a write
                }))
                .hasMessage("No space left on device");

        assertThat(target).hasContent("the previous complete checkpoint");
        assertThat(filesIn(dir)).containsExactly("model.zip");
    }

    @Test
    void aCompleteWriteReplacesTheFileReadableByOthers() throws IOException {
        Path target = dir.resolve("model.zip");
        Files.writeString(target, "old");

        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

        assertThat(target).hasContent("new");
        assertThat(Files.getPosixFilePermissions(target).toString()).contains("OTHERS_READ");
        assertThat(filesIn(dir)).containsExactly("model.zip");
    }

    private static java.util.List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
