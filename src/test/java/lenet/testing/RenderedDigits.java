package lenet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The same 1,000 MNIST test digits (every tenth) re-rendered black on white as PNG and JPEG, at four sizes and
 * anywhere on a larger page: the set {@code RenderedMnistAccuracyTest} gives to {@code lenet predict}, and the one
 * its threshold was measured on across CPUs and seeds ({@code src/bench/java/lenet/bench/TestModelSpread.java}).
 */
public final class RenderedDigits {
    public static final int COUNT = 1_000;
    static final int[] SIZES = {28, 60, 150, 400};

    private RenderedDigits() {}

    /** Writes the set into {@code dir} as {@code 0000.png}, {@code 0001.jpg}, ...; returns the true labels. */
    public static int[] write(Path dir) {
        Random random = new Random(11);
        int[] labels = new int[COUNT];
        try {
            for (int i = 0; i < COUNT; i++) {
                int index = i * 10; // spread over the whole test set
                labels[i] = MnistImages.label(index);
                int size = SIZES[i % SIZES.length];
                int canvasW = size + 20 + random.nextInt(size * 2);
                int canvasH = size + 20 + random.nextInt(size * 2);
                int x = 10 + random.nextInt(canvasW - size - 19);
                int y = 10 + random.nextInt(canvasH - size - 19);
                MnistImages.write(
                        MnistImages.blackOnWhite(index, size, canvasW, canvasH, x, y),
                        format(i),
                        dir.resolve(fileName(i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return labels;
    }

    public static String fileName(int i) {
        return String.format("%04d.%s", i, format(i));
    }

    private static String format(int i) {
        return i % 2 == 0 ? "png" : "jpg";
    }

    /**
     * The share of {@code predict --json} lines (one per file, in file order) whose digit is the true label.
     * Checks that line i is about file i.
     */
    public static double accuracy(List<String> jsonLines, int[] labels) {
        if (jsonLines.size() != labels.length) {
            throw new AssertionError(jsonLines.size() + " predictions for " + labels.length + " images");
        }
        ObjectMapper mapper = new ObjectMapper();
        int correct = 0;
        try {
            for (int i = 0; i < labels.length; i++) {
                JsonNode line = mapper.readTree(jsonLines.get(i));
                if (!line.get("file").asText().endsWith(fileName(i))) {
                    throw new AssertionError(
                            "line " + i + " is about " + line.get("file").asText());
                }
                if (line.get("digit").asInt() == labels[i]) {
                    correct++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return correct / (double) labels.length;
    }
}
