package app.smartcomply.webhooks.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code ./webhooks keys …}: an account's API keys, through the running service's API. */
@Command(
        name = "keys",
        description = "Create API keys of an account (through the running service, with the admin key).",
        commandListHeading = "%nCommands:%n")
final class KeysCommand implements Runnable {

    /** The shape of account ids; checked here so a typo is not sent into a URL path. */
    private static final Pattern ACCOUNT_ID = Pattern.compile("acct_[A-Za-z0-9]+");

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code keys create --account acct_… [--name] [--scope] [--mode]}: POST /api/v1/accounts/{id}/api-keys. */
    @Command(
            name = "create",
            description = {
                "Create an API key of an account and print it (shown only this once).",
                "Calls POST /api/v1/accounts/{id}/api-keys on the running service with the admin key."
            })
    static final class Create implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        ServiceOptions service;

        @Spec
        CommandSpec spec;

        @Option(names = "--account", required = true, paramLabel = "acct_…", description = "The account's id.")
        String account;

        @Option(names = "--name", paramLabel = "NAME", description = "A label for the key, e.g. \"CI\".")
        String name;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "full (default) or read_only.")
        String scope;

        @Option(names = "--mode", paramLabel = "MODE", description = "live (default, sc_live_…) or test (sc_test_…).")
        String mode;

        private final CliContext context;

        Create(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (!ACCOUNT_ID.matcher(account).matches()) {
                throw new ParameterException(
                        spec.commandLine(), "--account must be an account id like acct_…, not '" + account + "'");
            }
            Map<String, String> body = new LinkedHashMap<>();
            if (name != null) {
                body.put("name", name);
            }
            if (scope != null) {
                body.put("scope", scope);
            }
            if (mode != null) {
                body.put("mode", mode);
            }
            JsonNode key = service.api(context).post("/api/v1/accounts/" + account + "/api-keys", body);
            PrintWriter out = spec.commandLine().getOut();
            if (service.json) {
                out.println(key);
            } else {
                out.println("API key " + AccountsCommand.text(key, "id") + " created for " + account + " (scope "
                        + AccountsCommand.text(key, "scope") + ", mode " + AccountsCommand.text(key, "mode") + ").");
                out.println("Key (shown only this once — save it): " + AccountsCommand.text(key, "api_key"));
            }
            out.flush();
            return 0;
        }
    }
}
