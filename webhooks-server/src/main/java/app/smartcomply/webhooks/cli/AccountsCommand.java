package app.smartcomply.webhooks.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code ./webhooks accounts …}: customer accounts, through the running service's API. */
@Command(
        name = "accounts",
        description = "Create customer accounts (through the running service, with the admin key).",
        commandListHeading = "%nCommands:%n")
final class AccountsCommand implements Runnable {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code accounts create --name …}: POST /api/v1/accounts; prints the account and its first API key. */
    @Command(
            name = "create",
            description = {
                "Create an account and print its id and first API key (shown only this once).",
                "Calls POST /api/v1/accounts on the running service with the admin key."
            })
    static final class Create implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        ServiceOptions service;

        @Spec
        CommandSpec spec;

        @Option(
                names = "--name",
                required = true,
                paramLabel = "NAME",
                description = "The account's name, e.g. \"Acme Ltd\".")
        String name;

        private final CliContext context;

        Create(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            JsonNode account = service.api(context).post("/api/v1/accounts", Map.of("name", name));
            PrintWriter out = spec.commandLine().getOut();
            if (service.json) {
                out.println(account);
            } else {
                out.println("Account " + text(account, "id") + " (" + text(account, "name") + ") created.");
                out.println("API key (shown only this once — save it): " + text(account, "api_key"));
            }
            out.flush();
            return 0;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "?" : value.asString();
    }
}
