package org.nd4j.nativeblas;

/**
 * A compatibility shim for DL4J 1.0.0-M2.1, not part of ND4J. DL4J's oneDNN layer helpers decide whether oneDNN is
 * usable ({@code BaseMKLDNNHelper.mklDnnEnabled}) by reflection on {@code org.nd4j.nativeblas.Nd4jCpu$Environment
 * .isUseMKLDNN()}, a class ND4J moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}; without this shim
 * the lookup fails and the helpers are never used. It answers with what the CPU backend actually reports. DL4J asks
 * only after checking that the CPU backend is the one loaded, so on CUDA this is never called.
 * It holds no oneDNN code: {@code lenet.onednn.Dl4jHelpers} explains the whole arrangement, and the package
 * {@code lenet.onednn} holds all the rest.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {}

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
                    .isUseONEDNN();
        }
    }
}
