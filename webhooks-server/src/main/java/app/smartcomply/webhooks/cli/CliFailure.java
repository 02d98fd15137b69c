package app.smartcomply.webhooks.cli;

/**
 * A command that could not do its job for a reason the user can act on: printed as one message,
 * without a stack trace, and the process exits with {@link #exitCode()}.
 */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
