package app.smartcomply.webhooks.audit;

/**
 * What to list: every parameter may be null (no condition).
 *
 * @param createdAfter epoch ms, exclusive
 * @param createdBefore epoch ms, exclusive
 */
public record AuditFilter(String targetId, AuditAction action, Long createdAfter, Long createdBefore) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null);
    }
}
