package app.smartcomply.webhooks.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The customer's commands {@code listen}, {@code trigger} and {@code check}, as the service's
 * command line lists them. They are the client CLI's (module webhooks-cli, a jar without Spring
 * that customers run on their own machines): the bash launcher runs that jar for them, help
 * included, before this jar is ever started. Here they exist so that {@code ./webhooks --help}
 * lists every command the launcher answers; run in this jar (java -jar webhooks-server.jar listen)
 * they say where the command really is and run nothing.
 */
final class ClientCommands {

    private ClientCommands() {}

    /** The three commands, each to be added with unmatched options taken as arguments. */
    static List<Object> all() {
        return List.of(new Listen(), new Trigger(), new Check());
    }

    /** What every one of them does in this jar: point at the launcher and the client jar; exit 1. */
    abstract static class ClientCommand implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "ARG", arity = "0..*", description = "The client command's arguments.")
        List<String> args = new ArrayList<>();

        abstract String name();

        @Override
        public Integer call() {
            throw new CliFailure(
                    1,
                    "'" + name() + "' is a command of the client CLI (webhooks-cli), not of the service jar."
                            + " Run it as ./webhooks " + name() + ", which builds and runs the client jar"
                            + " (webhooks-cli/target/webhooks-cli.jar); './webhooks " + name()
                            + " --help' lists its options.");
        }
    }

    @Command(
            name = "listen",
            description = {
                "Forward events to a receiver on this machine (client CLI).",
                "Runs the client jar: see './webhooks listen --help' for its options."
            })
    static final class Listen extends ClientCommand {
        @Override
        String name() {
            return "listen";
        }
    }

    @Command(
            name = "trigger",
            description = {
                "Send a test event to the account's test endpoints (client CLI).",
                "Runs the client jar: see './webhooks trigger --help' for its options."
            })
    static final class Trigger extends ClientCommand {
        @Override
        String name() {
            return "trigger";
        }
    }

    @Command(
            name = "check",
            description = {
                "Grade how an endpoint's receiver answers (client CLI).",
                "Runs the client jar: see './webhooks check --help' for its options."
            })
    static final class Check extends ClientCommand {
        @Override
        String name() {
            return "check";
        }
    }
}
