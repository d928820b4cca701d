package lenet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The drawn-digit set is what accuracy.md says it is: 720 drawings of 20 styles (the first 576 the 16 styles measured before issue 43), every digit, all on the pad. */
class DrawnDigitsTest {
    @Test
    void everyStyleOfEveryDigitIn36VariantsOnThePad() {
        List<DrawnDigits.Drawing> drawings = DrawnDigits.all(1);

        assertThat(drawings).hasSize(720);
        assertThat(drawings.stream().collect(Collectors.groupingBy(DrawnDigits.Drawing::style, Collectors.counting())))
                .hasSize(20)
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

    @Test
    void theFirst576DrawingsAreThoseOfTheSixteenStylesBeforeIssue43() {
        List<DrawnDigits.Drawing> first = DrawnDigits.all(1).subList(0, 576);
        long hash = 0;
        for (DrawnDigits.Drawing drawing : first) {
            hash = hash * 31 + Arrays.deepHashCode(drawing.strokes());
        }
        // computed with DrawnDigits as it stood before the styles of issue 43 were added (16 styles, seed 1)
        assertThat(hash).isEqualTo(6190850846044577916L);
    }

    @Test
    void aDrawingOfANamedStyleIsOfItsDigitAndSeeded() {
        assertThat(DrawnDigits.styleNames(9))
                .containsExactly("9 straight tail", "9 curved tail", "9 small loop", "9 open loop");
        DrawnDigits.Drawing nine =
                DrawnDigits.drawing("9 open loop", 0.1, 80, new double[] {0, 0}, new java.util.Random(3));
        assertThat(nine.digit()).isEqualTo(9);
        assertThat(Arrays.deepEquals(
                        DrawnDigits.drawing("9 open loop", 0.1, 80, new double[] {0, 0}, new java.util.Random(3))
                                .strokes(),
                        nine.strokes()))
                .isTrue();
    }
}
