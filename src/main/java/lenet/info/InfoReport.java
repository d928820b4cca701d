package lenet.info;

import java.util.List;

/**
 * What {@code lenet info} reports, in the shape of its {@code --json} output.
 *
 * @param lenetVersion lenet's version
 * @param dl4jVersion  the DL4J/ND4J release
 * @param java         Java version, VM and vendor, and where that Java is installed
 * @param jvmOptions   the options the JVM was started with (the launcher's, then {@code LENET_JAVA_OPTS})
 * @param backend      the ND4J backend that actually loaded (CPU or CUDA), what was requested, whether
 *                     convolutions run through oneDNN, and which kernels oneDNN and BLAS chose for this CPU
 * @param computePath  the code that runs LeNet-5's passes with one worker ({@code ComputePath.id()})
 * @param computeFallback why that is not the path asked for, or null
 * @param threads      threads ND4J and BLAS use, and the cores available to the JVM
 * @param cpuFeatures  vector instruction sets of this CPU that matter for ND4J
 * @param gpus         CUDA devices, when the CUDA backend loaded
 * @param data         the MNIST folder and the state of its files
 * @param models       the models in the models folder
 * @param network      the network of {@code --model}, when given
 */
public record InfoReport(
        String lenetVersion,
        String dl4jVersion,
        String java,
        List<String> jvmOptions,
        BackendInfo backend,
        String computePath,
        String computeFallback,
        ThreadInfo threads,
        List<String> cpuFeatures,
        List<GpuInfo> gpus,
        List<DataInfo> data,
        List<ModelInfo> models,
        NetworkInfo network) {

    /**
     * @param blasCore   the CPU core whose kernels OpenBLAS runs (for example Haswell); null on CUDA
     * @param onednnIsa  the instruction set oneDNN runs its kernels with, as {@code DNNL_VERBOSE} names it; null on
     *                   CUDA
     * @param overrides  the environment's settings that choose oneDNN's or OpenBLAS's kernels instead of the CPU
     *                   check, as {@code NAME=value}
     * @param platform   the platform whose natives JavaCPP loads, such as {@code linux-arm64}
     * @param nd4jBuild  the build of ND4J's CPU natives that loaded, such as {@code linux-x86_64-onednn}; null on CUDA
     */
    public record BackendInfo(
            String loaded,
            String requested,
            String blasVendor,
            String blasCore,
            boolean cudaInBuild,
            boolean onednn,
            String onednnIsa,
            List<String> overrides,
            String platform,
            String nd4jBuild) {}

    /**
     * @param openmpWaits how idle OpenMP threads wait, as the environment sets it ({@code OMP_WAIT_POLICY},
     *                    {@code GOMP_SPINCOUNT} as {@code NAME=value}; the launcher sets one per command)
     */
    public record ThreadInfo(int nd4j, int blas, int coresAvailable, List<String> openmpWaits) {}

    public record GpuInfo(int device, String name, long memoryBytes, String computeCapability) {}

    /** {@code state}: verified, packed (only .gz, unpacked on first use), or a one-line problem. */
    /** A dataset's files: its name (null for a folder holding none), where they are, and their state. */
    public record DataInfo(String dataset, String folder, String state) {}

    /** A model in the models folder: its dataset and classes, figures and age, or why it cannot be read. */
    public record ModelInfo(
            String file,
            String dataset,
            Integer classes,
            Double testAccuracy,
            Double valAccuracy,
            Integer epochs,
            String created,
            String error) {}

    public record NetworkInfo(String model, long parameters, String summary) {}
}
