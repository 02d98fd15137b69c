package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.event.PublishedEvent;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Who may publish, and where an event goes: the one authorization of {@code POST /api/v1/events}
 * and of each event of {@code POST /api/v1/events/batch}, so that both publish under the same
 * rules. The admin key publishes for any account, in either mode; an account's test key triggers
 * test events of its own account ({@link TestModeTrigger}); an account's live key may not publish.
 */
@Component
class PublishTargets {

    /** Where and what one event goes: the account, the mode and the data to publish. */
    record Target(String accountId, ApiKeyMode mode, JsonNode data) {}

    private final TestModeTrigger trigger;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    PublishTargets(EventCatalog catalog, AuditLog audit, TransactionTemplate tx) {
        this.trigger = new TestModeTrigger(catalog);
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * Audits the events an account's test key triggered ({@code event.triggered}, the type named, the
     * data never copied): a customer made the service send signed requests to its endpoints. The
     * platform's publishes are the service's normal traffic and are not audited, nor is the original
     * of a repeated idempotency key (nothing new was sent). Written once the events committed, in
     * one transaction of its own: the publish's commit is the store's, shared with other requests.
     */
    void triggered(Caller caller, AuditContext context, List<PublishedEvent> published) {
        if (!(caller instanceof Caller.Customer customer)) {
            return;
        }
        List<PublishedEvent> created =
                published.stream().filter(p -> !p.replayed()).toList();
        if (created.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> created.forEach(p -> audit.record(
                customer.accountId(),
                context,
                AuditAction.EVENT_TRIGGERED,
                AuditTarget.event(p.event().id()),
                List.of(new AuditChange("type", null, p.event().type())))));
    }

    /**
     * Whether this key may publish at all — asked once per request, before any event is read.
     *
     * @throws CallerArguments.ForbiddenException if it may not (403, whatever the body holds)
     */
    void authorize(Caller caller) {
        if (caller instanceof Caller.Customer customer) {
            TestModeTrigger.requireTestKey(customer);
        }
    }

    /**
     * Where one event goes, read from its fields {@code account_id}, {@code mode} and {@code data}
     * (an event of a batch, or a single publish's body), for a caller {@link #authorize} let in.
     *
     * @throws CallerArguments.ForbiddenException if an account's key asks for live mode or another
     *     account (param {@code mode} or {@code account_id})
     * @throws app.smartcomply.webhooks.error.InvalidInputException for a missing account or a bad mode
     */
    Target of(Caller caller, JsonBody event) {
        return switch (caller) {
            case Caller.Platform platform ->
                new Target(
                        event.requiredString("account_id"),
                        event.has("mode")
                                ? ApiKeyMode.parse(event.optionalString("mode").orElse(null), "mode")
                                : ApiKeyMode.LIVE,
                        event.raw("data"));
            case Caller.Customer customer -> {
                TestModeTrigger.Publish publish = trigger.decide(customer, event);
                yield new Target(publish.accountId(), publish.mode(), publish.data());
            }
        };
    }
}
