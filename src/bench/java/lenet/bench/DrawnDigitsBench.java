package lenet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lenet.checkpoint.Checkpoints;
import lenet.serving.DigitServer;
import lenet.serving.DrawingPage;
import lenet.serving.ServeSettings;
import lenet.testing.DrawnDigits;

/**
 * The drawn-digit set ({@link DrawnDigits}: 720 drawings, 20 styles) played through {@code lenet serve}'s page in
 * headless Chromium, stroke by stroke at a person's pace, against a server in this JVM with the given model: the
 * digit the page shows once it has settled, against the digit drawn. Prints a Markdown table per style to stdout and
 * each misread to stderr; writes {@code target/drawn-digits.json}, and a screenshot of the page with each style's
 * upright, medium, centred drawing, its answer and what the network saw, in {@code target/drawn-digits/}.
 *
 * <p>{@code DrawnDigitsBench MODEL [SEED]} (SEED 1 by default: the tremor of the strokes).
 */
public final class DrawnDigitsBench {
    private DrawnDigitsBench() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        List<DrawnDigits.Drawing> drawings = DrawnDigits.all(seed);
        Map<String, int[]> byStyle = new LinkedHashMap<>(); // style -> {drawings, right}
        int right = 0;
        try (DigitServer server = DigitServer.start(
                        Checkpoints.load(model, false).network(),
                        Map.of("status", "ok"),
                        ServeSettings.defaults("127.0.0.1", 0));
                DrawingPage page = DrawingPage.start()) {
            page.open(server.address());
            for (DrawnDigits.Drawing drawing : drawings) {
                page.clear();
                page.draw(drawing.strokes());
                String answer = page.settled() ? page.digit() : "no answer";
                if (drawing.variant().equals("slant 0.0, medium, place 0,0")) { // one picture of each style
                    Path shot =
                            Path.of("target", "drawn-digits", drawing.style().replace(' ', '-') + ".png");
                    Files.createDirectories(shot.getParent());
                    Files.write(shot, page.browser().getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
                }
                boolean ok = answer.equals(Integer.toString(drawing.digit()));
                int[] counts = byStyle.computeIfAbsent(drawing.style(), s -> new int[2]);
                counts[0]++;
                if (ok) {
                    counts[1]++;
                    right++;
                } else {
                    System.err.println("misread: " + drawing.style() + " (" + drawing.variant() + ") as " + answer);
                }
            }
        }
        System.out.println("| style | drawings | read right | accuracy |");
        System.out.println("| --- | ---: | ---: | ---: |");
        StringBuilder json = new StringBuilder("{\"model\":\"" + model + "\",\"seed\":" + seed + ",\"styles\":[");
        for (Map.Entry<String, int[]> e : byStyle.entrySet()) {
            int[] c = e.getValue();
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f%% |%n", e.getKey(), c[0], c[1], 100.0 * c[1] / c[0]);
            json.append(String.format(
                    Locale.ROOT, "{\"style\":\"%s\",\"drawings\":%d,\"right\":%d},", e.getKey(), c[0], c[1]));
        }
        System.out.printf(
                Locale.ROOT, "| all | %d | %d | %.2f%% |%n", drawings.size(), right, 100.0 * right / drawings.size());
        json.setLength(json.length() - 1);
        json.append("],\"drawings\":")
                .append(drawings.size())
                .append(",\"right\":")
                .append(right)
                .append("}\n");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "drawn-digits.json"), json);
    }
}
