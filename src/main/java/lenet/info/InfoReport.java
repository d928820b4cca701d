package lenet.info;

import java.util.List;

/**
 * What {@code lenet info} reports, in the shape of its {@code --json} output.
 *
 * @param lenetVersion lenet's version
 * @param dl4jVersion  the DL4J/ND4J release
 * @param java         Java version and VM
 * @param backend      the ND4J backend that actually loaded (CPU or CUDA), what was requested, and whether
 *                     convolutions run through oneDNN
 * @param threads      threads ND4J and BLAS use, and the cores available to the JVM
 * @param cpuFeatures  vector instruction sets of this CPU that matter for ND4J
 * @param gpus         CUDA devices, when the CUDA backend loaded
 * @param data         the MNIST folder and the state of its files
 * @param models       the models in the models folder
 * @param network      the network of {@code --model}, when given
 */
public record InfoReport(String lenetVersion, String dl4jVersion, String java, BackendInfo backend,
                         ThreadInfo threads, List<String> cpuFeatures, List<GpuInfo> gpus, DataInfo data,
                         List<ModelInfo> models, NetworkInfo network) {

    public record BackendInfo(String loaded, String requested, String blasVendor, boolean cudaInBuild,
                              boolean onednn) {
    }

    public record ThreadInfo(int nd4j, int blas, int coresAvailable) {
    }

    public record GpuInfo(int device, String name, long memoryBytes, String computeCapability) {
    }

    /** {@code state}: verified, packed (only .gz, unpacked on first use), or a one-line problem. */
    public record DataInfo(String folder, String state) {
    }

    public record ModelInfo(String file, Double testAccuracy, Double valAccuracy, Integer epochs, String created,
                            String error) {
    }

    public record NetworkInfo(String model, long parameters, String summary) {
    }
}
