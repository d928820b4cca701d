package lenet.info;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.Checkpoints;
import lenet.compute.ComputePath;
import lenet.core.Backend;
import lenet.core.BackendChoice;
import lenet.core.CpuKind;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.Threads;
import lenet.core.Versions;
import lenet.data.Dataset;
import lenet.data.DatasetFiles;
import lenet.onednn.Dl4jHelpers;
import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/** Gathers {@code lenet info}: versions, the backend that loaded, threads, hardware, data and models. */
public final class Info {
    /** CPU flags that decide which ND4J native code runs fast. */
    private static final List<String> CPU_FLAGS =
            List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni");

    private Info() {}

    public static InfoReport gather(BackendChoice.Requested requested, Path dataDir, Path modelsDir, Path model) {
        String loaded = Backend.loaded();
        boolean cuda = Backend.isCuda(loaded);
        String blas = Backend.blasVendor();
        ComputePath.Choice compute = ComputePath.forInference();
        return new InfoReport(
                Versions.lenet(),
                Versions.dl4j(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vendor") + ") at " + System.getProperty("java.home"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                new InfoReport.BackendInfo(
                        loaded,
                        requested.name().toLowerCase(java.util.Locale.ROOT),
                        blas == null ? "unknown" : blas,
                        cuda ? null : CpuKind.blasCore(),
                        BackendChoice.cudaOnClasspath(),
                        Dl4jHelpers.available(),
                        compute.path().usesOneDnn() ? CpuKind.onednnIsa() : null,
                        CpuKind.overrides(),
                        Loader.getPlatform(),
                        cuda ? null : nd4jBuild()),
                compute.path().id(),
                compute.fallback(),
                new InfoReport.ThreadInfo(Threads.nd4j(), Threads.blas(), Threads.available(), openmpWaits()),
                cpuFeatures(Path.of("/proc/cpuinfo")),
                cuda ? gpus() : List.of(),
                data(dataDir),
                models(modelsDir),
                model == null ? null : network(model));
    }

    /**
     * The build of ND4J's CPU natives that loaded, named by the folder JavaCPP took it from ({@code linux-arm64},
     * {@code linux-x86_64-onednn}), or null if JavaCPP does not say.
     */
    static String nd4jBuild() {
        String library = Loader.load(org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.class);
        Path folder = library == null ? null : Path.of(library).getParent();
        return folder == null ? null : folder.getFileName().toString();
    }

    /** The environment's settings of how idle OpenMP threads wait, as {@code NAME=value}. */
    static List<String> openmpWaits() {
        List<String> settings = new ArrayList<>();
        for (String name : List.of("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")) {
            String value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                settings.add(name + "=" + value);
            }
        }
        return settings;
    }

    static List<String> cpuFeatures(Path cpuinfo) {
        Set<String> flags = CpuKind.cpuFlags(cpuinfo);
        return CPU_FLAGS.stream().filter(flags::contains).toList();
    }

    private static List<InfoReport.GpuInfo> gpus() {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        List<InfoReport.GpuInfo> gpus = new ArrayList<>();
        for (int d = 0; d < ops.getAvailableDevices(); d++) {
            gpus.add(new InfoReport.GpuInfo(
                    d,
                    ops.getDeviceName(d),
                    ops.getDeviceTotalMemory(d),
                    ops.getDeviceMajor(d) + "." + ops.getDeviceMinor(d)));
        }
        return gpus;
    }

    /**
     * Each dataset lenet finds without downloading, with whether its files are the published ones: {@code data/NAME}
     * or the system copy; with {@code dir} ({@code --data-dir}), the dataset whose files it holds (several share
     * MNIST's file names: the one they verify as), else what is wrong with it as MNIST's folder.
     */
    static List<InfoReport.DataInfo> data(Path dir) {
        List<InfoReport.DataInfo> found = new ArrayList<>();
        if (dir != null) {
            String folder = LenetHome.display(dir);
            if (!Files.isDirectory(dir)) {
                return List.of(new InfoReport.DataInfo(null, folder, "missing (no such folder)"));
            }
            String mnist = null;
            for (Dataset dataset : Dataset.values()) {
                String state = state(dataset, dir);
                if (state.equals(VERIFIED)) {
                    return List.of(new InfoReport.DataInfo(dataset.id, folder, state));
                }
                mnist = mnist == null ? state : mnist;
            }
            return List.of(new InfoReport.DataInfo(null, folder, mnist));
        }
        for (Dataset dataset : Dataset.values()) {
            Path own = DatasetFiles.ownFolder(dataset);
            Path folder = DatasetFiles.complete(dataset, own) || dataset.systemCopy == null ? own : dataset.systemCopy;
            if (DatasetFiles.complete(dataset, folder)) {
                found.add(new InfoReport.DataInfo(dataset.id, LenetHome.display(folder), state(dataset, folder)));
            }
        }
        return found;
    }

    private static final String VERIFIED = "present, verified";

    private static String state(Dataset dataset, Path folder) {
        try {
            DatasetFiles.verify(dataset, folder);
            return VERIFIED;
        } catch (LenetException e) {
            String message = e.getMessage();
            int cut = message.indexOf("; ");
            return cut < 0 ? message : message.substring(0, cut); // the problem, without the advice
        }
    }

    static List<InfoReport.ModelInfo> models(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> zips;
        try (Stream<Path> files = Files.list(dir)) {
            zips = files.filter(p -> p.getFileName().toString().endsWith(".zip"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
        List<InfoReport.ModelInfo> models = new ArrayList<>();
        for (Path zip : zips) {
            String file = LenetHome.display(zip);
            try {
                CheckpointMetadata m = Checkpoints.readMetadata(zip);
                models.add(new InfoReport.ModelInfo(
                        file,
                        m.classes().dataset(),
                        m.classes().size(),
                        m.testAccuracy(),
                        m.valAccuracy(),
                        m.epochs(),
                        m.created(),
                        null));
            } catch (LenetException e) {
                String message = e.getMessage();
                models.add(new InfoReport.ModelInfo(
                        file,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        message.startsWith(file + ": ") ? message.substring(file.length() + 2) : message));
            }
        }
        return models;
    }

    static InfoReport.NetworkInfo network(Path model) {
        MultiLayerNetwork network = Checkpoints.load(model, false).network();
        return new InfoReport.NetworkInfo(LenetHome.display(model), network.numParams(), network.summary());
    }
}
