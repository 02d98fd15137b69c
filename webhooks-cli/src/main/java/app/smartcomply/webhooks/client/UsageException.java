package app.smartcomply.webhooks.client;

/** A mistake in how the command was called: printed without a stack trace, exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
