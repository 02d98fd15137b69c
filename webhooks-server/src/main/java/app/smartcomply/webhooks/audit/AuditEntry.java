package app.smartcomply.webhooks.audit;

import java.util.List;

/**
 * One recorded change, as read back.
 *
 * @param accountId null for changes to the platform itself (the admin key)
 * @param reason why the service acted on its own; null for changes people made
 */
public record AuditEntry(
        String id,
        String accountId,
        long createdAt,
        AuditAction action,
        Actor actor,
        AuditTarget target,
        List<AuditChange> changes,
        String reason,
        String ip,
        String userAgent) {}
