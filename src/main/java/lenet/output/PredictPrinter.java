package lenet.output;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import lenet.core.Json;
import lenet.pictures.TerminalArt;
import lenet.prediction.PredictRun;
import lenet.prediction.Predictor;
import lenet.preprocessing.DigitPreprocessor;

/** One line per input: the class, its probability and the top three, or why the input could not be read. */
public final class PredictPrinter implements PredictRun.Sink {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean show;
    private final IntSupplier terminalWidth;
    private int width = -1; // asked once, when a line might not fit

    /**
     * @param show  also print the image the network saw, as text, with every digit's probability
     * @param width the terminal's width, that each line and {@code show}'s picture fit into (0: no limit); asked
     *              only when a line is longer than the narrowest terminal lenet lays out for, as asking costs a
     *              process on a terminal
     */
    public PredictPrinter(PrintWriter out, PrintWriter err, boolean json, boolean show, IntSupplier width) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.show = show;
        this.terminalWidth = width;
    }

    @Override
    public void warning(String line) {
        err.println("lenet: warning: " + line);
        err.flush();
    }

    @Override
    public void prediction(String file, Predictor.Prediction p, DigitPreprocessor.Digit seen) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", file);
            line.putAll(p.toJson());
            if (show) {
                line.put("seen", TerminalArt.image(seen.input()));
            }
            out.println(Json.line(line));
        } else {
            String answer = String.format(Locale.ROOT, "%s: %s (%s)", file, p.name(), percent(p.probability()));
            String top3 = "top 3: " + top(p.top());
            int length = answer.length() + 3 + top3.length();
            if (length > Terminal.NARROWEST && width() > 0 && length > width()) {
                // a long file name on a terminal: the top 3 on a line of its own rather than broken by the terminal
                out.println(answer);
                out.println("    " + top3);
            } else {
                out.println(answer + "   " + top3);
            }
            if (show) {
                TerminalArt.withProbabilities(
                                seen.input(), p.probabilities(), p.classes().names(), p.index(), width())
                        .forEach(out::println);
                out.println();
            }
        }
        out.flush();
    }

    private int width() {
        if (width < 0) {
            width = terminalWidth.getAsInt();
        }
        return width;
    }

    @Override
    public void failure(String file, String error) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", file);
            line.put("error", error);
            out.println(Json.line(line));
            out.flush();
        } else {
            err.println("lenet: " + file + ": " + error);
            err.flush();
        }
    }

    private static String top(List<Predictor.Scored> top) {
        return top.stream().map(s -> s.name() + " " + percent(s.probability())).collect(Collectors.joining(", "));
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }
}
