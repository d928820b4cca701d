package lenet.serving;

/** Reads one sample from Prometheus's text format. */
final class Metrics {
    private Metrics() {}

    /** The value of the sample named exactly {@code series} (name and labels), 0 when it is absent. */
    static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return 0;
    }
}
