package lenet.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h} and {@code -V} as picocli's {@code mixinStandardHelpOptions} gives them, with an {@code order}: for a
 * command that orders its options ({@code train}), where they would otherwise come first.
 */
final class HelpOptions {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            order = 998,
            description = "Show this help message and exit.")
    boolean help;

    @Option(
            names = {"-V", "--version"},
            versionHelp = true,
            order = 999,
            description = "Print version information and exit.")
    boolean version;
}
