package app.smartcomply.webhooks.endpoint;

import java.util.Objects;

/**
 * An endpoint URL was refused when it was saved (created or changed): it is malformed, uses a
 * scheme other than {@code https} outside dev mode, carries credentials, or names a host that
 * webhooks must not be sent to.
 *
 * <p>{@link #code()} is the stable machine code for API error bodies ({@link #URL_INVALID},
 * {@link #URL_SCHEME_NOT_ALLOWED}, {@link #URL_CREDENTIALS_NOT_ALLOWED},
 * {@link #URL_HOST_NOT_ALLOWED}); {@link #getMessage()} is a sentence for the customer. Messages
 * may name the scheme and host but never echo user-info, path, query or fragment, which can hold
 * tokens.
 */
public final class InvalidDestinationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Not a well-formed absolute http(s) URL with a host (also: too long, fragment present). */
    public static final String URL_INVALID = "url_invalid";
    /** Scheme is not https (or, in dev mode, not http/https). */
    public static final String URL_SCHEME_NOT_ALLOWED = "url_scheme_not_allowed";
    /** The URL carries {@code user:password@}. */
    public static final String URL_CREDENTIALS_NOT_ALLOWED = "url_credentials_not_allowed";
    /** The host is an address or name that is not publicly reachable (SSRF guard). */
    public static final String URL_HOST_NOT_ALLOWED = "url_host_not_allowed";

    private final String code;

    public InvalidDestinationException(String code, String message) {
        // An expected outcome of user input, not a bug: a stack trace would only be noise.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The machine-readable reason, one of the {@code URL_*} constants. */
    public String code() {
        return code;
    }
}
