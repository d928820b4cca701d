package lenet.output;

import java.io.PrintWriter;
import java.util.Locale;
import lenet.core.Json;
import lenet.info.InfoReport;

/** {@code lenet info} for people, or as one JSON object. */
public final class InfoPrinter {
    private InfoPrinter() {}

    public static void print(PrintWriter out, InfoReport r, boolean json) {
        if (json) {
            out.println(Json.line(r));
            out.flush();
            return;
        }
        out.printf("lenet      %s%n", r.lenetVersion());
        out.printf("DL4J       %s%n", r.dl4jVersion());
        out.printf("Java       %s%n", r.java());
        out.printf("JVM opts   %s%n", String.join(" ", r.jvmOptions()));
        InfoReport.BackendInfo backend = r.backend();
        out.printf(
                "backend    %s (requested: %s; CUDA backend in this build: %s)%n",
                backend.loaded(), backend.requested(), backend.cudaInBuild() ? "yes" : "no");
        out.printf(
                "BLAS       %s%s%n",
                backend.blasVendor(), backend.blasCore() == null ? "" : ", " + backend.blasCore() + " kernels");
        out.printf(
                "oneDNN     %s%s%n",
                backend.onednn() ? "yes (convolution and pooling)" : "no",
                backend.onednn() && backend.onednnIsa() != null ? ", " + backend.onednnIsa() : "");
        if (!backend.overrides().isEmpty()) {
            out.printf("kernels    chosen by the environment: %s%n", String.join(" ", backend.overrides()));
        }
        out.printf(
                "threads    ND4J %d, BLAS %d (cores available: %d); OpenMP waits: %s%n",
                r.threads().nd4j(),
                r.threads().blas(),
                r.threads().coresAvailable(),
                r.threads().openmpWaits().isEmpty()
                        ? "libgomp's default"
                        : String.join(" ", r.threads().openmpWaits()));
        out.printf(
                "CPU        %s%n",
                r.cpuFeatures().isEmpty() ? "(features unknown)" : String.join(" ", r.cpuFeatures()));
        if (r.gpus().isEmpty()) {
            out.println("GPU        none in use");
        }
        for (InfoReport.GpuInfo gpu : r.gpus()) {
            out.printf(
                    Locale.ROOT,
                    "GPU %d      %s, %.1f GB, compute capability %s%n",
                    gpu.device(),
                    gpu.name(),
                    gpu.memoryBytes() / 1e9,
                    gpu.computeCapability());
        }
        out.printf("data       %s: %s%n", r.data().folder(), r.data().state());
        if (r.models().isEmpty()) {
            out.println("models     none yet (train one with: lenet train)");
        }
        String label = "models     ";
        for (InfoReport.ModelInfo m : r.models()) {
            if (m.error() != null) {
                out.printf("%s%s: %s%n", label, m.file(), m.error());
            } else {
                out.printf(
                        Locale.ROOT,
                        "%s%s: test %s, validation %s, %d epoch%s, %s%n",
                        label,
                        m.file(),
                        percent(m.testAccuracy()),
                        percent(m.valAccuracy()),
                        m.epochs(),
                        m.epochs() == 1 ? "" : "s",
                        m.created());
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

    private static String percent(Double fraction) {
        return fraction == null ? "-" : String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
