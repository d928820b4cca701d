package lenet.cli;

import lenet.core.Versions;
import picocli.CommandLine;

/**
 * {@code lenet --version}: lenet, DL4J and the Java that runs them. It loads no ND4J, so it answers at once, and
 * answers where the native libraries cannot load; {@code lenet info} shows the backend.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "lenet " + Versions.lenet(),
            "DL4J " + Versions.dl4j() + " (lenet info shows the backend that loads)",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ") at "
                    + System.getProperty("java.home")
        };
    }
}
