package lenet.output;

import java.io.PrintWriter;
import java.util.Locale;
import lenet.core.Json;
import lenet.evaluation.EvalReport;
import lenet.model.Classes;

/** {@code lenet eval}'s report: a readable summary, per-class table and confusion matrix, or one JSON object. */
public final class EvalPrinter {
    private EvalPrinter() {}

    /** Where {@code --report} wrote its files: on stderr, so that stdout keeps only the report itself. */
    public static void reportWritten(PrintWriter err, lenet.evaluation.ReportFiles.Written written) {
        err.printf(
                Locale.ROOT,
                "report written to %s: confusion.png, misclassified.png (%d of %d misclassified), "
                        + "samples.png, report.json%n",
                lenet.core.LenetHome.display(written.dir()),
                written.misclassified().size(),
                written.misclassifiedTotal());
        err.flush();
    }

    public static void print(PrintWriter out, EvalReport report, String source, boolean json) {
        if (json) {
            out.println(Json.line(report));
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "model     %s%n", report.model());
        out.printf(Locale.ROOT, "images    %,d (%s)%n", report.images(), source);
        out.printf(
                Locale.ROOT,
                "accuracy  %.2f%% (%,d wrong)%n%n",
                report.accuracy() * 100,
                report.images() - Math.round(report.accuracy() * report.images()));
        boolean digits = report.classes().equals(Classes.MNIST.names());
        // digits as before; other classes by their number (the confusion matrix's) and name
        int width = Math.max(
                5, report.classes().stream().mapToInt(String::length).max().orElse(0) + (digits ? 0 : 3));
        String label = "%" + (digits ? "" : "-") + width + "s";
        out.printf(Locale.ROOT, label + "  precision  recall      f1  support%n", digits ? "digit" : "class");
        for (EvalReport.ClassMetrics c : report.perClass()) {
            out.printf(
                    Locale.ROOT,
                    label + "  %8.2f%%  %5.2f%%  %5.2f%%  %7d%n",
                    digits ? c.name() : String.format(Locale.ROOT, "%2d %s", c.index(), c.name()),
                    c.precision() * 100,
                    c.recall() * 100,
                    c.f1() * 100,
                    c.support());
        }
        out.println();
        out.println(
                digits
                        ? "confusion matrix (rows: true digit, columns: predicted digit)"
                        : "confusion matrix (rows: true class, columns: predicted class, by the numbers above)");
        StringBuilder header = new StringBuilder("     ");
        for (int p = 0; p < report.confusion().length; p++) {
            header.append(String.format(Locale.ROOT, "%6d", p));
        }
        out.println(header);
        for (int t = 0; t < report.confusion().length; t++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%5d", t));
            for (int count : report.confusion()[t]) {
                row.append(String.format(Locale.ROOT, "%6s", count == 0 ? "." : Integer.toString(count)));
            }
            out.println(row);
        }
        if (!report.skipped().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "%nskipped %d file%s:%n",
                    report.skipped().size(),
                    report.skipped().size() == 1 ? "" : "s");
            for (EvalReport.Skipped s : report.skipped()) {
                out.printf("  %s: %s%n", s.file(), s.error());
            }
        }
        out.flush();
    }
}
