package lenet.output;

import java.util.ArrayList;
import java.util.List;

/** Breaks prose at spaces to fit a terminal's width, so that no terminal breaks it inside a word. */
public final class Wrap {
    private Wrap() {}

    /**
     * {@code text} as lines of at most {@code width} characters, broken at spaces; lines after the first begin with
     * {@code indent}. A word longer than a line (a path) stays whole on a line of its own. A width of 0 or less
     * means no limit.
     */
    public static List<String> lines(String text, int width, String indent) {
        List<String> lines = new ArrayList<>();
        if (width <= 0 || text.length() <= width) {
            lines.add(text);
            return lines;
        }
        StringBuilder line = new StringBuilder();
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(indent);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    /** The lines of {@link #lines} joined by the platform's line separator. */
    public static String text(String text, int width, String indent) {
        return String.join(System.lineSeparator(), lines(text, width, indent));
    }
}
