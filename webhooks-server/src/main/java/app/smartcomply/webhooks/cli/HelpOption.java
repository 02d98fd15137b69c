package app.smartcomply.webhooks.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} on a subcommand: prints its help and runs nothing. Only help, not
 * picocli's {@code -V}: {@code test} passes its other arguments to Maven, whose {@code -V} means
 * something else.
 */
final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit; runs nothing.")
    boolean help;
}
