package app.smartcomply.webhooks.audit;

/**
 * One field a change touched. {@code from} and {@code to} are filled only for plain settings that
 * hold no secret (an endpoint's status, URL without its query, description); for anything else —
 * event lists, secrets, keys — only the field's name is kept.
 */
public record AuditChange(String field, String from, String to) {

    public static AuditChange named(String field) {
        return new AuditChange(field, null, null);
    }
}
