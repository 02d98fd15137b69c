package app.smartcomply.webhooks.error;

/**
 * The caller sent something we will not accept. Becomes a 400 problem whose {@code code} and
 * {@code param} a client program can act on. The message is shown to the caller: never put a
 * secret or an API key in it.
 */
public class InvalidInputException extends RuntimeException {

    private final String code;
    private final String param;

    /**
     * @param code machine-readable reason, snake_case (e.g. {@code unknown_event_type})
     * @param param the offending request parameter (e.g. {@code events[1]}), or null
     * @param message what is wrong and how to fix it, for a human
     */
    public InvalidInputException(String code, String param, String message) {
        super(message, null, false, false);
        this.code = code;
        this.param = param;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
