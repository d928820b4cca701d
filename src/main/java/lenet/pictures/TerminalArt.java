package lenet.pictures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import lenet.model.InputScaling;

/**
 * The 28×28 image the network saw, as text for a terminal: one line per pixel row, two characters per pixel (a
 * character cell is about twice as tall as wide), darker ink as denser characters, framed, with the probability
 * of every digit beside it.
 */
public final class TerminalArt {
    /** From background to full ink. */
    static final String RAMP = " .:-=+*#%@";

    static final int BAR = 20;

    /** {@code "  > 9 100.00% "} and a full bar. */
    static final int WIDEST_DIGIT_LINE = 14 + BAR;

    private TerminalArt() {}

    /** The image alone: 28 lines of 56 characters. */
    public static List<String> image(float[] pixels) {
        List<String> lines = new ArrayList<>(InputScaling.HEIGHT);
        for (int y = 0; y < InputScaling.HEIGHT; y++) {
            StringBuilder line = new StringBuilder(2 * InputScaling.WIDTH);
            for (int x = 0; x < InputScaling.WIDTH; x++) {
                char c = shade(pixels[y * InputScaling.WIDTH + x]);
                line.append(c).append(c);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    static char shade(float ink) {
        float v = Math.max(0f, Math.min(1f, ink));
        return RAMP.charAt(Math.min(RAMP.length() - 1, Math.round(v * (RAMP.length() - 1))));
    }

    /**
     * The framed image with one line per digit beside it, the predicted digit marked; the lines go below it when the two side by side would be wider than
     * {@code width} columns (0: no limit).
     */
    public static List<String> withProbabilities(
            float[] pixels, double[] probabilities, List<String> names, int predicted, int width) {
        List<String> image = image(pixels);
        String edge = "+" + "-".repeat(2 * InputScaling.WIDTH) + "+";
        // every class while they fit beside the image (28 rows), else the ten most likely
        Integer[] shown = new Integer[probabilities.length];
        Arrays.setAll(shown, i -> i);
        if (shown.length > InputScaling.HEIGHT) {
            Arrays.sort(
                    shown,
                    Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
            shown = Arrays.copyOf(shown, 10);
        }
        int nameWidth =
                Arrays.stream(shown).mapToInt(i -> names.get(i).length()).max().orElse(1);
        List<String> digits = new ArrayList<>();
        for (int c : shown) {
            double p = probabilities[c];
            digits.add(String.format(
                    Locale.ROOT,
                    "  %s %" + nameWidth + "s %6.2f%% %s",
                    c == predicted ? ">" : " ",
                    names.get(c),
                    p * 100,
                    "#".repeat((int) Math.round(p * BAR))));
        }
        int rows = digits.size();
        boolean beside = width <= 0 || edge.length() + WIDEST_DIGIT_LINE + nameWidth - 1 <= width;
        List<String> lines = new ArrayList<>();
        lines.add(edge);
        int first = (InputScaling.HEIGHT - rows) / 2;
        for (int y = 0; y < image.size(); y++) {
            StringBuilder line = new StringBuilder("|").append(image.get(y)).append('|');
            int digit = y - first;
            if (beside && digit >= 0 && digit < rows) {
                line.append(digits.get(digit));
            }
            lines.add(line.toString().stripTrailing());
        }
        lines.add(edge);
        if (!beside) {
            digits.forEach(line -> lines.add(line.stripTrailing()));
        }
        return lines;
    }
}
