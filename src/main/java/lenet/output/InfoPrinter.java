package lenet.output;

import java.io.PrintWriter;
import java.util.Locale;
import lenet.compute.ComputePath;
import lenet.core.Json;
import lenet.info.InfoReport;

/** {@code lenet info} for people, or as one JSON object. */
public final class InfoPrinter {
    /** Width of the label column: "oneDNN     ". */
    private static final int LABEL = 11;

    private InfoPrinter() {}

    public static void print(PrintWriter out, InfoReport r, boolean json, int width) {
        if (json) {
            out.println(Json.line(r));
            out.flush();
            return;
        }
        line(out, width, String.format("lenet      %s", r.lenetVersion()));
        line(out, width, String.format("DL4J       %s", r.dl4jVersion()));
        line(out, width, String.format("Java       %s", r.java()));
        line(out, width, String.format("JVM opts   %s", String.join(" ", r.jvmOptions())));
        InfoReport.BackendInfo backend = r.backend();
        line(
                out,
                width,
                String.format(
                        "backend    %s (requested: %s; CUDA backend in this build: %s)",
                        backend.loaded(), backend.requested(), backend.cudaInBuild() ? "yes" : "no"));
        line(
                out,
                width,
                String.format(
                        "natives    %s%s",
                        backend.platform(),
                        backend.nd4jBuild() == null ? "" : " (ND4J's build: " + backend.nd4jBuild() + ")"));
        line(
                out,
                width,
                String.format(
                        "BLAS       %s%s",
                        backend.blasVendor(),
                        backend.blasCore() == null ? "" : ", " + backend.blasCore() + " kernels"));
        line(
                out,
                width,
                String.format(
                        "oneDNN     %s%s",
                        backend.onednn() ? "yes (convolution and pooling)" : "no",
                        backend.onednn() && backend.onednnIsa() != null ? ", " + backend.onednnIsa() : ""));
        line(
                out,
                width,
                String.format(
                        "compute    %s (%s)%s",
                        r.computePath(),
                        ComputePath.describe(r.computePath()),
                        r.computeFallback() == null ? "" : "; " + r.computeFallback()));
        if (!backend.overrides().isEmpty()) {
            line(
                    out,
                    width,
                    String.format("kernels    chosen by the environment: %s", String.join(" ", backend.overrides())));
        }
        line(
                out,
                width,
                String.format(
                        "threads    ND4J %d, BLAS %d (cores available: %d); OpenMP waits: %s",
                        r.threads().nd4j(),
                        r.threads().blas(),
                        r.threads().coresAvailable(),
                        r.threads().openmpWaits().isEmpty()
                                ? "libgomp's default"
                                : String.join(" ", r.threads().openmpWaits())));
        line(
                out,
                width,
                String.format(
                        "CPU        %s",
                        r.cpuFeatures().isEmpty() ? "(features unknown)" : String.join(" ", r.cpuFeatures())));
        if (r.gpus().isEmpty()) {
            line(out, width, "GPU        none in use");
        }
        for (InfoReport.GpuInfo gpu : r.gpus()) {
            line(
                    out,
                    width,
                    String.format(
                            Locale.ROOT,
                            "GPU %d      %s, %.1f GB, compute capability %s",
                            gpu.device(),
                            gpu.name(),
                            gpu.memoryBytes() / 1e9,
                            gpu.computeCapability()));
        }
        String data = "data       ";
        for (InfoReport.DataInfo d : r.data()) {
            line(out, width, data + (d.dataset() == null ? "" : d.dataset() + " in ") + d.folder() + ": " + d.state());
            data = "           ";
        }
        if (r.data().isEmpty()) {
            line(out, width, data + "none (lenet train --dataset NAME downloads one)");
        }
        if (r.models().isEmpty()) {
            line(out, width, "models     none yet (train one with: lenet train)");
        }
        String label = "models     ";
        for (InfoReport.ModelInfo m : r.models()) {
            if (m.error() != null) {
                line(out, width, String.format("%s%s: %s", label, m.file(), m.error()));
            } else {
                line(
                        out,
                        width,
                        String.format(
                                Locale.ROOT,
                                "%s%s: %s (%d classes), test %s, validation %s, %d epoch%s, %s",
                                label,
                                m.file(),
                                m.dataset(),
                                m.classes(),
                                percent(m.testAccuracy()),
                                percent(m.valAccuracy()),
                                m.epochs(),
                                m.epochs() == 1 ? "" : "s",
                                m.created()));
            }
            label = "           ";
        }
        if (r.network() != null) {
            out.printf(
                    Locale.ROOT,
                    "%nnetwork of %s: %,d parameters%n",
                    r.network().model(),
                    r.network().parameters());
            out.print(r.network().summary());
        }
        out.flush();
    }

    /** A "label      value" line, broken at spaces to fit a terminal's width, continued under the value. */
    private static void line(PrintWriter out, int width, String text) {
        out.println(Wrap.text(text, width, " ".repeat(LABEL)));
    }

    private static String percent(Double fraction) {
        return fraction == null ? "-" : String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
