package lenet.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lenet.model.Classes;
import lenet.prediction.Predictor;
import lenet.preprocessing.DigitPreprocessor;
import org.junit.jupiter.api.Test;

/** predict's line for people: one line where it fits the terminal, the top 3 on its own line where it does not. */
class PredictPrinterTest {
    private static final Predictor.Prediction TWO = new Predictor.Prediction(
            new Predictor.Scored(2, "2", 0.568),
            List.of(
                    new Predictor.Scored(2, "2", 0.568),
                    new Predictor.Scored(5, "5", 0.150),
                    new Predictor.Scored(3, "3", 0.108)),
            new double[] {0.093, 0.002, 0.568, 0.108, 0.007, 0.150, 0.023, 0.001, 0.042, 0.005},
            Classes.MNIST);
    private static final DigitPreprocessor.Digit BLANK = new DigitPreprocessor.Digit(new int[28 * 28]);
    private static final String LONG = "src/site/resources/digits/two-drawing.png";

    private static String print(String file, int width, AtomicInteger asked, boolean show) {
        StringWriter out = new StringWriter();
        PredictPrinter printer =
                new PredictPrinter(new PrintWriter(out), new PrintWriter(new StringWriter()), false, show, () -> {
                    asked.incrementAndGet();
                    return width;
                });
        printer.prediction(file, TWO, BLANK);
        return out.toString();
    }

    @Test
    void aLineThatFitsIsOneLine() {
        AtomicInteger asked = new AtomicInteger();

        assertThat(print(LONG, 200, asked, false).lines())
                .containsExactly(LONG + ": 2 (56.8%)   top 3: 2 56.8%, 5 15.0%, 3 10.8%");
        assertThat(print(LONG, 0, asked, false).lines()).as("a file: no limit").hasSize(1);
    }

    @Test
    void onANarrowTerminalTheTopThreeGoesOnALineOfItsOwn() {
        assertThat(print(LONG, 80, new AtomicInteger(), false).lines())
                .containsExactly(LONG + ": 2 (56.8%)", "    top 3: 2 56.8%, 5 15.0%, 3 10.8%");
    }

    @Test
    void aShortLineDoesNotAskTheTerminalsWidthWhichCostsAProcess() {
        AtomicInteger asked = new AtomicInteger();

        assertThat(print("d.png", 40, asked, false).lines())
                .containsExactly("d.png: 2 (56.8%)   top 3: 2 56.8%, 5 15.0%, 3 10.8%");
        assertThat(asked).hasValue(0);
    }

    @Test
    void showAsksOnceAndFitsThePicture() {
        AtomicInteger asked = new AtomicInteger();

        List<String> lines = print(LONG, 80, asked, true).lines().toList();

        assertThat(asked).hasValue(1);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(lines).contains("  > 2  56.80% " + "#".repeat(11));
    }
}
