package app.smartcomply.webhooks.cli;

import picocli.CommandLine.Option;

/** Where the running service is and the admin key to call it with: {@code --service}, {@code --admin-key}. */
final class ServiceOptions {

    @Option(
            names = "--service",
            paramLabel = "URL",
            defaultValue = "http://localhost:8080",
            description = "The running service (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(
            names = "--admin-key",
            paramLabel = "KEY",
            description = "The admin key; default WEBHOOKS_ADMIN_KEY (better: keeps the key out of shell history).")
    String adminKey;

    @Option(names = "--json", description = "Print the service's JSON answer instead of a summary.")
    boolean json;

    ServiceApi api(CliContext context) {
        String key = adminKey != null && !adminKey.isBlank()
                ? adminKey
                : context.variable("WEBHOOKS_ADMIN_KEY").orElse(null);
        if (key == null) {
            throw new CliFailure(
                    2,
                    "No admin key: pass --admin-key or set WEBHOOKS_ADMIN_KEY "
                            + "(the key the service printed on its first start; ./webhooks admin-key reset makes a new one).");
        }
        return new ServiceApi(service, key);
    }
}
