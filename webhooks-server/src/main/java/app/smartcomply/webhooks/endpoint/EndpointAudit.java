package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the audit log says about endpoints, written inside the transaction of the change.
 *
 * <p>Values are kept only where they cannot hold a secret: the status, the description, and the
 * URL without its query and fragment (receivers put tokens there). The event list is named, not
 * copied; the signing secret never appears, not even masked.
 */
final class EndpointAudit {

    private final AuditLog log;

    EndpointAudit(AuditLog log) {
        this.log = log;
    }

    void created(AuditContext context, Endpoint endpoint) {
        log.record(
                endpoint.accountId(),
                context,
                AuditAction.ENDPOINT_CREATED,
                AuditTarget.endpoint(endpoint.id()),
                List.of(
                        new AuditChange("url", null, shownUrl(endpoint.url())),
                        AuditChange.named("events"),
                        new AuditChange("status", null, endpoint.status().wireName())));
    }

    /**
     * A PATCH: {@code endpoint.enabled} or {@code endpoint.disabled} when it switched the status,
     * {@code endpoint.updated} otherwise; nothing when it changed nothing. Custom headers count as
     * changed whenever the PATCH gave them.
     */
    void updated(AuditContext context, Endpoint before, Endpoint after, boolean headersReplaced) {
        List<AuditChange> changes = new ArrayList<>();
        if (headersReplaced) {
            changes.add(AuditChange.named("headers")); // named only: values are often credentials
        }
        if (!before.url().equals(after.url())) {
            changes.add(new AuditChange("url", shownUrl(before.url()), shownUrl(after.url())));
        }
        if (!before.eventTypes().equals(after.eventTypes())) {
            changes.add(AuditChange.named("events"));
        }
        if (!Objects.equals(before.description(), after.description())) {
            changes.add(new AuditChange("description", before.description(), after.description()));
        }
        if (!before.metadata().equals(after.metadata())) {
            changes.add(AuditChange.named("metadata"));
        }
        if (before.status() != after.status()) {
            changes.add(new AuditChange(
                    "status", before.status().wireName(), after.status().wireName()));
        }
        if (changes.isEmpty()) {
            return;
        }
        AuditAction action = before.status() == after.status()
                ? AuditAction.ENDPOINT_UPDATED
                : after.status() == EndpointStatus.ACTIVE
                        ? AuditAction.ENDPOINT_ENABLED
                        : AuditAction.ENDPOINT_DISABLED;
        log.record(after.accountId(), context, action, AuditTarget.endpoint(after.id()), changes);
    }

    void deleted(AuditContext context, Endpoint endpoint) {
        log.record(
                endpoint.accountId(),
                context,
                AuditAction.ENDPOINT_DELETED,
                AuditTarget.endpoint(endpoint.id()),
                List.of());
    }

    void secretRotated(AuditContext context, String accountId, String endpointId) {
        log.record(
                accountId,
                context,
                AuditAction.ENDPOINT_SECRET_ROTATED,
                AuditTarget.endpoint(endpointId),
                List.of(AuditChange.named("secret")));
    }

    /** The service switched the endpoint off (410, or failing too long); the reason says which. */
    void disabledByService(String accountId, String endpointId, String reason) {
        log.record(
                accountId,
                AuditContext.service(),
                AuditAction.ENDPOINT_DISABLED,
                AuditTarget.endpoint(endpointId),
                List.of(new AuditChange(
                        "status", EndpointStatus.ACTIVE.wireName(), EndpointStatus.DISABLED.wireName())),
                reason);
    }

    /** The URL without query, fragment or user info: enough to tell destinations apart, no tokens. */
    static String shownUrl(String url) {
        try {
            URI uri = URI.create(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception e) {
            return null;
        }
    }
}
