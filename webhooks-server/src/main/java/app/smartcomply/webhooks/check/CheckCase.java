package app.smartcomply.webhooks.check;

/**
 * The cases of a check, in the order they are sent. The hostile ones (2 to 6) carry the event type
 * {@code webhook.check}, so a receiver's {@code switch} on the type ignores them even where it
 * wrongly accepts them; 1 and 7 are a {@code webhook.test} event.
 */
enum CheckCase {
    VALID_SIGNATURE("valid_signature"),
    FORGED_SIGNATURE("forged_signature"),
    STALE_TIMESTAMP("stale_timestamp"),
    TAMPERED_BODY("tampered_body"),
    MISSING_SIGNATURE("missing_signature"),
    ROTATED_SECRETS("rotated_secrets"),
    DUPLICATE_EVENT("duplicate_event");

    private final String wire;

    CheckCase(String wire) {
        this.wire = wire;
    }

    /** The case's name in the API and the dashboard. */
    String wire() {
        return wire;
    }

    /** Whether a safe receiver accepts this request (2xx) rather than rejecting it (4xx). */
    boolean expectsAcceptance() {
        return this == VALID_SIGNATURE || this == ROTATED_SECRETS || this == DUPLICATE_EVENT;
    }
}
