package app.smartcomply.webhooks.client;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The customer's command line for SmartComply Webhooks: {@code listen}, {@code trigger}, {@code
 * check}. Runs from its own jar ({@code java -jar webhooks-cli.jar --help}); {@code ./webhooks
 * listen|trigger|check} runs it from the repository. Exit codes: 0 done, 1 failed (the service's
 * answer is printed), 2 wrong usage.
 */
@Command(
        name = "webhooks",
        mixinStandardHelpOptions = true,
        versionProvider = WebhooksClient.VersionProvider.class,
        description = "SmartComply Webhooks, for receivers: listen, trigger, check.",
        subcommands = {ListenCommand.class, TriggerCommand.class, CheckCommand.class})
public final class WebhooksClient {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new WebhooksClient());
        // "--data @file.json" is the command's own syntax, not picocli's argument file.
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof UsageException) {
                err.println(e.getMessage());
                return 2;
            }
            if (e instanceof ServiceCallFailed) {
                err.println(e.getMessage());
                return 1;
            }
            if (e instanceof java.net.ConnectException) {
                err.println("Could not connect to the service: " + e.getMessage());
                return 1;
            }
            err.println("Failed: " + e);
            return 1;
        });
        return cli.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"webhooks-cli " + Version.value()};
        }
    }
}
