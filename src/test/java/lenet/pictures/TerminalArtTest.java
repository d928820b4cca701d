package lenet.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lenet.model.Classes;
import org.junit.jupiter.api.Test;

/** predict --show: the image and the ten probabilities, side by side where they fit, else one above the other. */
class TerminalArtTest {
    private static final float[] BLANK = new float[28 * 28];
    private static final double[] SURE_THREE = {0, 0, 0, 1.0, 0, 0, 0, 0, 0, 0};

    @Test
    void onAWideTerminalOrInAFileTheProbabilitiesStandBesideTheImage() {
        for (int width : new int[] {0, 92, 200}) {
            List<String> lines = TerminalArt.withProbabilities(BLANK, SURE_THREE, Classes.MNIST.names(), 3, width);

            assertThat(lines).as("width %d", width).hasSize(30);
            assertThat(lines.get(1 + 9 + 3)).endsWith("|  > 3 100.00% " + "#".repeat(20));
            if (width > 0) {
                assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
            }
        }
    }

    @Test
    void onAnEightyColumnTerminalTheyGoBelowIt() {
        for (int width : new int[] {60, 80, 91}) {
            List<String> lines = TerminalArt.withProbabilities(BLANK, SURE_THREE, Classes.MNIST.names(), 3, width);

            assertThat(lines).as("width %d", width).hasSize(40);
            assertThat(lines.subList(0, 30)).allSatisfy(line -> assertThat(line).hasSize(58));
            assertThat(lines.get(30)).isEqualTo("    0   0.00%");
            assertThat(lines.get(33)).isEqualTo("  > 3 100.00% " + "#".repeat(20));
            assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
        }
    }
}
