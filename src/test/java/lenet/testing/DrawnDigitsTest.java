package lenet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The drawn-digit set is what accuracy.md says it is: 576 drawings of 16 styles, every digit, all on the pad. */
class DrawnDigitsTest {
    @Test
    void everyStyleOfEveryDigitIn36VariantsOnThePad() {
        List<DrawnDigits.Drawing> drawings = DrawnDigits.all(1);

        assertThat(drawings).hasSize(576);
        assertThat(drawings.stream().collect(Collectors.groupingBy(DrawnDigits.Drawing::style, Collectors.counting())))
                .hasSize(16)
                .allSatisfy((style, n) -> assertThat(n).as(style).isEqualTo(36));
        assertThat(drawings.stream().map(DrawnDigits.Drawing::digit).distinct().sorted())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        // the pad is 280 px: 140 from its centre to an edge, the pen 18 px wide
        assertThat(drawings.stream()
                        .flatMap(d -> Arrays.stream(d.strokes()))
                        .flatMap(Arrays::stream)
                        .flatMapToInt(Arrays::stream)
                        .map(Math::abs)
                        .max()
                        .orElseThrow())
                .isLessThanOrEqualTo(131);
    }

    @Test
    void theSameSeedDrawsTheSameAndAnotherTrembles() {
        int[][][] one = DrawnDigits.all(1).get(100).strokes();
        assertThat(Arrays.deepEquals(DrawnDigits.all(1).get(100).strokes(), one))
                .isTrue();
        assertThat(Arrays.deepEquals(DrawnDigits.all(2).get(100).strokes(), one))
                .isFalse();
    }
}
