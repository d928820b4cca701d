package lenet.reliability;

import static lenet.reliability.HostileInputs.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lenet.cli.CliRun;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command against broken and hostile inputs, one table row per case: the exit code is the documented one,
 * a failure is one line on stderr naming the input and the problem with nothing on stdout, and no file that
 * existed before the run is changed. The rows, with what lenet printed, are written to
 * {@code target/reliability-cases.md} for {@code src/site/markdown/reliability.md}.
 */
class HostileInputTest {
    @TempDir
    static Path shared;

    private static final Map<String, String> RESULTS = new TreeMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void goodFiles() throws IOException {
        MnistImages.rawData(); // the shipped archives unpacked, for the cases that alter one file
        goodModel = TestModel.untrained(shared.resolve("good.zip"));
        goodImage = shared.resolve("seven.png");
        MnistImages.write(MnistImages.blackOnWhite(0, 120, 200, 200, 40, 40), "png", goodImage);
    }

    static Stream<Case> cases() {
        return Stream.concat(HostileModelInputs.cases().stream(), HostileFileInputs.cases().stream());
    }

    /**
     * Whether file permissions hold for this process: false for root with CAP_DAC_OVERRIDE, which reads and writes
     * anything. Found by trying, not by the user's name.
     */
    static boolean permissionsApply() throws IOException {
        Path probe = Files.createTempFile("lenet-permissions", ".probe");
        try {
            unreadable(probe);
            try (var in = Files.newInputStream(probe)) {
                return false;
            } catch (java.nio.file.AccessDeniedException e) {
                return true;
            }
        } finally {
            Files.delete(probe);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadInputGetsOneLineTheDocumentedExitCodeAndChangesNothing(Case c) throws Exception {
        Assumptions.assumeTrue(
                !c.input().contains("chmod") || permissionsApply(),
                "this process may read and write any file (root with CAP_DAC_OVERRIDE); .ci/run runs the permission "
                        + "cases again without it");
        Path input = c.fixture().make(dir);
        Map<String, String> before = snapshot(dir);

        CliRun run = CliRun.of(c.args().args(input, dir));

        RESULTS.put(
                c.command() + " | " + c.input(),
                c.command() + " | " + c.input() + " | " + run.exitCode() + " | "
                        + (run.exitCode() == 0
                                ? "works"
                                : "`" + run.err().strip().replace(dir + "/", "") + "`"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(c.exit());
        if (c.exit() != 0) {
            assertThat(run.errLines())
                    .as("stderr")
                    .singleElement()
                    .asString()
                    .startsWith("lenet")
                    .contains(input.getFileName().toString())
                    .contains(c.fragment());
            assertThat(run.out()).as("stdout").isEmpty();
            assertThat(snapshot(dir)).as("files after the run").isEqualTo(before);
        } else {
            Map<String, String> after = snapshot(dir);
            before.forEach((file, hash) -> assertThat(after).containsEntry(file, hash));
        }
    }

    /** Every file below {@code dir} (links not followed) with a hash of its content. */
    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(key, "link to " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    files.put(key + "/", "folder");
                } else if (Files.isReadable(p)) {
                    files.put(
                            key,
                            HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } else {
                    files.put(key, "unreadable, " + Files.size(p) + " bytes");
                }
            }
        }
        return files;
    }

    @AfterAll
    static void writeTable() throws IOException {
        Path table = Path.of("target", "reliability-cases.md");
        Files.createDirectories(table.getParent());
        List<String> lines =
                new ArrayList<>(List.of("| command | input | exit | what lenet says |", "| --- | --- | ---: | --- |"));
        RESULTS.values().forEach(row -> lines.add("| " + row + " |"));
        Files.write(table, lines);
    }
}
