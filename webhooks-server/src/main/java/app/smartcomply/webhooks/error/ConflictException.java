package app.smartcomply.webhooks.error;

/** The request is well formed but clashes with the current state. Becomes a 409 problem. */
public class ConflictException extends RuntimeException {

    private final String code;
    private final String param;

    public ConflictException(String code, String param, String message) {
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
