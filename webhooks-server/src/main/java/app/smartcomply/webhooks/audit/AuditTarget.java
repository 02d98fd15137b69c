package app.smartcomply.webhooks.audit;

/**
 * What a change was made to: {@code endpoint}, {@code delivery}, {@code api_key}, {@code admin_key},
 * {@code account}, {@code listen_session} (an endpoint of kind listen), {@code event} (a replayed or
 * triggered event).
 */
public record AuditTarget(String type, String id) {

    public static AuditTarget endpoint(String id) {
        return new AuditTarget("endpoint", id);
    }

    public static AuditTarget delivery(String id) {
        return new AuditTarget("delivery", id);
    }

    public static AuditTarget apiKey(String id) {
        return new AuditTarget("api_key", id);
    }

    public static AuditTarget listenSession(String id) {
        return new AuditTarget("listen_session", id);
    }

    public static AuditTarget event(String id) {
        return new AuditTarget("event", id);
    }

    public static AuditTarget account(String id) {
        return new AuditTarget("account", id);
    }
}
