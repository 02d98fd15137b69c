package app.smartcomply.webhooks.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ./webhooks}: the root of the command tree. Exit codes: 0 done, 1 the command failed
 * ({@link CliFailure}, or the program it ran failed with 1), 2 bad usage — an unknown command or
 * option, a missing value — with picocli's "did you mean" suggestions and a pointer to the help.
 */
@Command(
        name = "webhooks",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        usageHelpAutoWidth = true,
        description = "SmartComply Webhooks: run the service, its tests and benchmarks; manage accounts and keys;"
                + " listen, trigger and check from a developer's machine.",
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "'./webhooks <command> --help' describes a command. Configuration: the README's Configuration table."
        })
public final class WebhooksCli implements Runnable {

    /** A Spring Boot property argument, {@code --name=value}: how containers pass settings to the jar. */
    static final Pattern SPRING_PROPERTY = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9._\\-\\[\\]]*=.*", Pattern.DOTALL);

    @Spec
    CommandSpec spec;

    /** {@code ./webhooks} alone: the list of commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The jar's entry point, called by {@code WebhooksApplication.main} (not a {@code main} of its
     * own: the module keeps a single main class for tools that look for one). No arguments, or only
     * {@code --name=value} properties, start the service exactly as {@code java -jar} always did
     * (containers, the integration tests); anything else is a command. Exits the JVM unless the
     * service started.
     */
    public static void run(String[] args) {
        CliContext context = CliContext.ofSystem();
        if (startsServiceDirectly(args)) {
            ServeCommand.startPlain(args);
            return;
        }
        // The offline commands open a connection pool, whose INFO lines are not what the user asked
        // for; serve sets up logging afresh when Spring starts.
        LoggingSystem.get(WebhooksCli.class.getClassLoader())
                .setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        ServeCommand.Started started = new ServeCommand.Started();
        int code = commandLine(context, started).execute(args);
        if (!(code == 0 && started.running())) {
            System.exit(code);
        }
    }

    static boolean startsServiceDirectly(String[] args) {
        for (String arg : args) {
            if (!SPRING_PROPERTY.matcher(arg).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The whole command tree over {@code context}, with this project's error handling. */
    static CommandLine commandLine(CliContext context, ServeCommand.Started started) {
        CommandLine cli = new CommandLine(new WebhooksCli());
        cli.addSubcommand(new CommandLine(new ServeCommand(started)).setUnmatchedOptionsArePositionalParams(true));
        cli.addSubcommand(new CommandLine(new ToolCommands.Test(context)).setUnmatchedOptionsArePositionalParams(true));
        cli.addSubcommand(
                new CommandLine(new ToolCommands.Bench(context)).setUnmatchedOptionsArePositionalParams(true));
        cli.addSubcommand(new CommandLine(new ToolCommands.Image(context)));
        cli.addSubcommand(new CommandLine(new ToolCommands.Build()));
        // The client CLI's commands: the launcher runs its jar for them; listed here so the help shows them.
        for (Object client : ClientCommands.all()) {
            cli.addSubcommand(new CommandLine(client).setUnmatchedOptionsArePositionalParams(true));
        }
        cli.addSubcommand(new CommandLine(new AccountsCommand())
                .addSubcommand(new CommandLine(new AccountsCommand.Create(context))));
        cli.addSubcommand(
                new CommandLine(new KeysCommand()).addSubcommand(new CommandLine(new KeysCommand.Create(context))));
        cli.addSubcommand(new CommandLine(new AdminKeyCommand())
                .addSubcommand(new CommandLine(new AdminKeyCommand.Reset(context))));
        cli.setParameterExceptionHandler(WebhooksCli::usageError);
        cli.setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof CliFailure known) {
                command.getErr().println(known.getMessage());
                command.getErr().flush();
                return known.exitCode();
            }
            throw failure;
        });
        return cli;
    }

    /** Unknown command or option, or a missing value: the problem, suggestions, where the help is; exit 2. */
    private static int usageError(ParameterException reported, String[] args) {
        CommandLine command = reported.getCommandLine();
        // A mistyped option is the cause of the "missing required option" picocli reports first:
        // name the typo, with its suggestion, instead.
        ParameterException problem = reported instanceof UnmatchedArgumentException
                        || command.getUnmatchedArguments().isEmpty()
                ? reported
                : new UnmatchedArgumentException(command, command.getUnmatchedArguments());
        PrintWriter err = command.getErr();
        err.println(problem.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(problem, err)
                && problem instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            List<String> near = OptionSuggestions.near(unmatched.getUnmatched().getFirst(), command.getCommandSpec());
            if (!near.isEmpty()) {
                err.println("Did you mean: " + String.join(" or ", near) + "?");
            }
        }
        err.println("See './" + command.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
