package app.smartcomply.webhooks.cli;

import app.smartcomply.webhooks.WebhooksApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./webhooks serve [--dev] [--name=value…]}: runs the service in this JVM. Configuration is
 * the environment variables of the README's table, or Spring properties as arguments; {@code --dev}
 * is {@code WEBHOOKS_DEV_MODE=true}. Start-up is quiet ({@link QuietStart}): the banner is the last
 * thing printed.
 */
@Command(
        name = "serve",
        description = {
            "Run the service (building it first if its sources changed).",
            "Store: SQLite under WEBHOOKS_DATA_DIR (./data), or PostgreSQL at",
            "WEBHOOKS_DATABASE_URL. Configured by the environment variables of the README's",
            "Configuration table, or by Spring properties as arguments (--server.port=9090)."
        })
final class ServeCommand implements Callable<Integer> {

    /** Whether {@code serve} started the service, so the JVM must stay up after the command returns. */
    static final class Started {
        private volatile boolean running;

        boolean running() {
            return running;
        }
    }

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dev",
            description = {
                "Development mode (WEBHOOKS_DEV_MODE=true): plain http:// and local endpoint addresses",
                "are allowed, and the banner says so. Never for production."
            })
    boolean dev;

    @Parameters(
            paramLabel = "--name=value",
            arity = "0..*",
            description = "Spring properties, e.g. --server.port=9090.")
    List<String> properties = new ArrayList<>();

    private final Started started;

    ServeCommand(Started started) {
        this.started = started;
    }

    @Override
    public Integer call() {
        for (String property : properties) {
            if (!WebhooksCli.SPRING_PROPERTY.matcher(property).matches()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "Unknown option or argument: '" + property
                                + "' (serve takes --dev and Spring properties written --name=value)");
            }
        }
        List<String> args = new ArrayList<>();
        if (dev) {
            args.add("--webhooks.dev-mode=true");
        }
        args.addAll(properties);
        try {
            QuietStart.application().run(args.toArray(String[]::new));
        } catch (RuntimeException failed) {
            // Spring Boot has already reported why (failure analysis on the console).
            return 1;
        }
        started.running = true;
        return 0;
    }

    /** {@code java -jar webhooks-server.jar [--name=value…]}: the plain Spring Boot start, logs and all. */
    static void startPlain(String[] args) {
        SpringApplication.run(WebhooksApplication.class, args);
    }
}
