package lenet.cli;

import lenet.core.Backend;
import lenet.core.Versions;
import picocli.CommandLine;

/** {@code lenet --version}: lenet, DL4J, the ND4J backend that loaded, Java. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "lenet " + Versions.lenet(),
            "DL4J " + Versions.dl4j() + ", backend " + Backend.describe(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
