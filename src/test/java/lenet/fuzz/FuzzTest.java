package lenet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lenet.checkpoint.Checkpoints;
import lenet.cli.CliRun;
import lenet.core.LenetException;
import lenet.preprocessing.DigitReader;
import lenet.testing.HostileFiles;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing with a fixed seed and a seed checkpoint of fixed bytes, so every run tries the same inputs and
 * ends with the same counts: images derived from the example PNGs and
 * JPEG go through predict, checkpoints derived from a real one through the checkpoint loader. Every input must be
 * answered (a digit, or one line saying what is wrong) within a time bound, with no other exception and no error,
 * and the heap in use never grows past the 1 GB lenet's launcher gives it.
 */
class FuzzTest {
    private static final long SEED = 20261124L;
    private static final int IMAGES = 300;
    private static final int CHECKPOINTS = 200;
    private static final int INNER_CHECKPOINTS = 200;
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Path DIGITS = Path.of("src/site/resources/digits");
    private static final long HEAP_BOUND = 1L << 30;
    private long peakHeap;

    @TempDir
    Path dir;

    @Test
    void mutatedImagesAreEachAnsweredByPredict() throws Exception {
        List<byte[]> seeds = List.of(
                Files.readAllBytes(DIGITS.resolve("one-mnist.png")),
                Files.readAllBytes(DIGITS.resolve("two-drawing.png")),
                Files.readAllBytes(DIGITS.resolve("seven-photo.jpg")));
        Random random = new Random(SEED);
        List<Path> files = new ArrayList<>();
        int readable = 0;
        for (int i = 0; i < IMAGES; i++) {
            byte[] seed = seeds.get(i % seeds.size());
            Path file = dir.resolve(String.format("img-%03d.%s", i, i % seeds.size() == 2 ? "jpg" : "png"));
            Files.write(file, Mutations.mutate(seed, random));
            files.add(file);
            DigitReader.Reading reading = assertTimeoutPreemptively(
                    BOUND, () -> DigitReader.read(file), () -> file + " took longer than " + BOUND);
            assertThat(reading.ok()
                            || (reading.error() != null && !reading.error().isBlank()))
                    .as("%s: a digit or a reason", file)
                    .isTrue();
            readable += reading.ok() ? 1 : 0;
            recordHeap(file);
        }
        // the inputs are the same in every run, and so is what becomes of them: 57 still images (so the fuzzing
        // reaches past the first check), 243 refused with a reason
        System.out.printf(
                "fuzz: %d of %d mutated images still readable; peak heap in use %d MB%n",
                readable, IMAGES, peakHeap >> 20);
        assertThat(readable).as("mutated images still readable").isEqualTo(57);

        // and through the command line, all at once: one JSON line per file, no stack trace
        Path model = untrainedModel();
        List<String> args = new ArrayList<>(List.of("predict", "--json", "--model", model.toString()));
        files.forEach(f -> args.add(f.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).isIn(0, 2);
        assertThat(run.outLines()).hasSize(IMAGES);
        ObjectMapper json = new ObjectMapper();
        for (String line : run.outLines()) {
            JsonNode node = json.readTree(line);
            assertThat(node.has("digit") || node.has("error")).as(line).isTrue();
        }
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void mutatedCheckpointsLoadOrAreRefusedInOneLine() throws Exception {
        byte[] seed = Files.readAllBytes(untrainedModel());
        Random random = new Random(SEED + 1);
        int loaded = 0;
        for (int i = 0; i < CHECKPOINTS; i++) {
            Path file = dir.resolve(String.format("ckpt-%03d.zip", i));
            Files.write(file, Mutations.mutate(seed, random));
            loaded += loadsOrIsRefusedInOneLine(file, "the zip") ? 1 : 0;
        }
        System.out.printf(
                "fuzz: %d of %d mutated checkpoints still load; peak heap in use %d MB%n",
                loaded, CHECKPOINTS, peakHeap >> 20);
        assertThat(loaded)
                .as("mutants that still load (the rest refused in one line)")
                .isEqualTo(5);
    }

    /**
     * Loads a mutant within the time bound: it loads, or the loader refuses it with one line naming the file.
     *
     * @return whether it loaded
     */
    private boolean loadsOrIsRefusedInOneLine(Path file, String mutated) {
        Throwable thrown = assertTimeoutPreemptively(
                BOUND,
                () -> catchThrowable(() -> Checkpoints.load(file, true)),
                () -> file + " took longer than " + BOUND);
        recordHeap(file);
        if (thrown != null) {
            assertThat(thrown).as("%s (%s mutated)", file, mutated).isInstanceOf(LenetException.class);
            assertThat(thrown.getMessage())
                    .as(file.toString())
                    .startsWith(file.toString())
                    .doesNotContain("\n");
        }
        return thrown == null;
    }

    /** The heap in use after an input, which must stay below {@link #HEAP_BOUND}. */
    private void recordHeap(Path file) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        peakHeap = Math.max(peakHeap, used);
        assertThat(used).as("heap in use after %s", file).isLessThan(HEAP_BOUND);
    }

    /**
     * Mutants inside the zip: one entry (weights, optimizer state, network configuration or metadata) mutated and
     * the zip written again with correct checksums, so that the mutation reaches the parsers behind the zip reader.
     */
    @Test
    void checkpointsWithMutatedEntriesLoadOrAreRefusedInOneLine() throws Exception {
        Map<String, byte[]> entries = HostileFiles.entries(untrainedModel());
        List<String> names = List.copyOf(entries.keySet());
        Random random = new Random(SEED + 2);
        int loaded = 0;
        for (int i = 0; i < INNER_CHECKPOINTS; i++) {
            String name = names.get(i % names.size());
            Map<String, byte[]> mutated = new java.util.LinkedHashMap<>(entries);
            mutated.put(name, Mutations.mutate(entries.get(name), random));
            Path file = HostileFiles.zip(dir.resolve(String.format("inner-%03d.zip", i)), mutated);
            loaded += loadsOrIsRefusedInOneLine(file, name) ? 1 : 0;
        }
        System.out.printf(
                "fuzz: %d of %d checkpoints with a mutated entry still load; peak heap in use %d MB%n",
                loaded, INNER_CHECKPOINTS, peakHeap >> 20);
        // the count follows the seed checkpoint's content: lenet.json's new field (patience) made it 61 → 62, the
        // training recipe's seven (rotation … schedule) 62 → 61, the model's classes and --mirror 61 → 62
        assertThat(loaded)
                .as("mutants that still load (the rest refused in one line)")
                .isEqualTo(62);
    }

    /**
     * An untrained checkpoint that is the same bytes in every run: the network's initialisation is seeded, and the
     * time of writing (in lenet.json and in the zip's entries) is fixed.
     */
    private Path untrainedModel() throws java.io.IOException {
        Path model = dir.resolve("seed-model.zip");
        if (!Files.exists(model)) {
            Map<String, byte[]> entries =
                    new java.util.LinkedHashMap<>(HostileFiles.entries(TestModel.untrained(dir.resolve("raw.zip"))));
            String metadata = new String(entries.get(Checkpoints.METADATA_ENTRY), StandardCharsets.UTF_8);
            String fixed = metadata.replaceFirst("\"created\" : \"[^\"]*\"", "\"created\" : \"2026-01-01T00:00:00Z\"");
            assertThat(fixed).as("lenet.json's time of writing").isNotEqualTo(metadata);
            entries.put(Checkpoints.METADATA_ENTRY, fixed.getBytes(StandardCharsets.UTF_8));
            HostileFiles.zip(model, entries);
        }
        return model;
    }

    @Test
    void theSeedCheckpointIsTheSameInEveryRun() throws Exception {
        byte[] first = Files.readAllBytes(untrainedModel());
        Files.delete(dir.resolve("seed-model.zip"));
        Files.delete(dir.resolve("raw.zip"));
        Thread.sleep(1_100); // another second of writing: lenet.json's time and the entries' times would differ
        assertThat(Files.readAllBytes(untrainedModel())).isEqualTo(first);
    }

    /** Byte-level mutations of a valid file, each chosen and placed by the given random source. */
    static final class Mutations {
        private Mutations() {}

        static byte[] mutate(byte[] original, Random random) {
            byte[] b = original.clone();
            switch (random.nextInt(6)) {
                case 0 -> { // flip a few bits
                    for (int n = 1 + random.nextInt(8); n > 0; n--) {
                        int i = random.nextInt(b.length);
                        b[i] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> { // overwrite a short run with random bytes
                    int at = random.nextInt(b.length);
                    for (int i = at; i < Math.min(b.length, at + 1 + random.nextInt(16)); i++) {
                        b[i] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> { // truncate
                    b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
                }
                case 3 -> { // insert random bytes
                    int at = random.nextInt(b.length);
                    byte[] extra = new byte[1 + random.nextInt(64)];
                    random.nextBytes(extra);
                    byte[] out = new byte[b.length + extra.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(extra, 0, out, at, extra.length);
                    System.arraycopy(b, at, out, at + extra.length, b.length - at);
                    b = out;
                }
                case 4 -> { // a huge 32-bit value where a size or a dimension may be: near the start or anywhere
                    int at = random.nextBoolean()
                            ? random.nextInt(Math.min(64, b.length - 4))
                            : random.nextInt(b.length - 4);
                    int value = random.nextBoolean() ? 0x7fffffff : 0xffffffff;
                    for (int k = 0; k < 4; k++) {
                        b[at + k] = (byte) (value >>> (24 - 8 * k));
                    }
                }
                default -> { // duplicate a chunk in place of another
                    int len = 1 + random.nextInt(Math.min(512, b.length / 2));
                    int from = random.nextInt(b.length - len);
                    int to = random.nextInt(b.length - len);
                    System.arraycopy(original, from, b, to, len);
                }
            }
            return b;
        }
    }
}
