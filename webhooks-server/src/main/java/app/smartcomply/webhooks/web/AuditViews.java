package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditEntry;
import app.smartcomply.webhooks.event.WireFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How audit log entries look on the wire. */
final class AuditViews {

    private AuditViews() {}

    @Schema(name = "AuditActor", description = "Who made the change.")
    record ActorView(
            @Schema(allowableValues = {"api_key", "dashboard_session", "platform", "service"})
            String type,

            @Schema(
                    description =
                            "The API key that acted or signed the session in; null for the platform, the service, "
                                    + "and dashboard sessions the platform opened.")
            String keyId,

            String description) {}

    @Schema(name = "AuditTarget")
    record TargetView(
            @Schema(
                    allowableValues = {
                        "endpoint",
                        "delivery",
                        "api_key",
                        "admin_key",
                        "account",
                        "listen_session",
                        "event"
                    })
            String type,

            String id) {}

    @Schema(
            name = "AuditChange",
            description =
                    "A field the change touched. from/to only for settings that hold no "
                            + "secret (status, description, the URL without its query); never a secret, a key or a header value.")
    record ChangeView(String field, String from, String to) {

        /** Only the field's name when no values were kept; otherwise from and to, either of them possibly null. */
        static Map<String, String> of(AuditChange change) {
            Map<String, String> view = new LinkedHashMap<>();
            view.put("field", change.field());
            if (change.from() != null || change.to() != null) {
                view.put("from", change.from());
                view.put("to", change.to());
            }
            return view;
        }
    }

    @JsonPropertyOrder({
        "id",
        "account_id",
        "action",
        "actor",
        "target",
        "changes",
        "reason",
        "ip",
        "user_agent",
        "created_at"
    })
    @Schema(
            name = "AuditLogEntry",
            description = "One change of configuration. Entries cannot be changed or deleted; "
                    + "they are kept for webhooks.audit.retention (default 365 days).")
    record Entry(
            String id,

            @Schema(description = "Null for changes to the platform itself (admin_key.rotated).")
            String accountId,

            @Schema(
                    allowableValues = {
                        "endpoint.created",
                        "endpoint.updated",
                        "endpoint.enabled",
                        "endpoint.disabled",
                        "endpoint.deleted",
                        "endpoint.secret_rotated",
                        "endpoint.test_sent",
                        "endpoint.recovery_started",
                        "endpoint.replay_started",
                        "endpoint.signing_key_rotated",
                        "endpoint.check_started",
                        "listen_session.opened",
                        "listen_session.removed",
                        "event.triggered",
                        "delivery.retried",
                        "event.replayed",
                        "api_key.created",
                        "api_key.rolled",
                        "api_key.revoked",
                        "admin_key.rotated",
                        "account.updated",
                        "dashboard.sign_in_link_created"
                    })
            String action,

            ActorView actor,
            TargetView target,

            @ArraySchema(schema = @Schema(implementation = ChangeView.class))
            List<Map<String, String>> changes,

            @Schema(description = "Why the service acted on its own (e.g. the endpoint answered 410); null otherwise.")
            String reason,

            @Schema(description = "The client's address, through trusted proxies; null when the service acted.")
            String ip,

            @Schema(description = "The client's User-Agent, at most 512 characters.")
            String userAgent,

            String createdAt) {

        static Entry of(AuditEntry e) {
            return new Entry(
                    e.id(),
                    e.accountId(),
                    e.action().wire(),
                    new ActorView(
                            e.actor().type().wire(),
                            e.actor().keyId(),
                            e.actor().description()),
                    new TargetView(e.target().type(), e.target().id()),
                    e.changes().stream().map(ChangeView::of).toList(),
                    e.reason(),
                    e.ip(),
                    e.userAgent(),
                    WireFormat.timestamp(e.createdAt()));
        }
    }

    @Schema(name = "AuditLogList")
    record EntryList(List<Entry> data, boolean hasMore) {}
}
