package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointKind;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.endpoint.EndpointStatus;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.RateLimitedException;
import app.smartcomply.webhooks.limits.RateLimiter;
import app.smartcomply.webhooks.limits.RateLimits;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Fires {@code webhook.test} at one endpoint, whatever it subscribes to, to prove the wiring. */
@Service
public class TestEventSender {

    static final String TYPE = "webhook.test";

    private final EndpointService endpoints;
    private final EventPublisher publisher;
    private final JsonMapper json;
    private final AuditLog audit;
    private final RateLimiter limit;

    TestEventSender(
            EndpointService endpoints, EventPublisher publisher, JsonMapper json, AuditLog audit, RateLimits limits) {
        this.audit = audit;
        this.endpoints = endpoints;
        this.publisher = publisher;
        this.json = json;
        this.limit = limits.testEvents();
    }

    /**
     * The test event is published in the endpoint's mode, then audited ({@code endpoint.test_sent}).
     * The publish commits in the store's group committer, on another thread and transaction, so the
     * entry is written right after it: no entry for a test that was refused or failed.
     *
     * @throws app.smartcomply.webhooks.error.NotFoundException if the account has no such endpoint of this mode
     * @throws RateLimitedException if the endpoint was sent its share of test events lately
     *     ({@code webhooks.limits.test-events})
     */
    public PublishedEvent sendTo(String accountId, ApiKeyMode mode, String endpointId, AuditContext context) {
        Endpoint endpoint = endpoints.get(accountId, mode, endpointId);
        if (endpoint.kind() == EndpointKind.LISTEN) {
            // Its events reach it through the CLI's stream only; the engine never sends to it.
            throw new ConflictException(
                    "listen_session",
                    "id",
                    "This endpoint is a `webhooks listen` session: send it an event with `webhooks trigger <type>`.");
        }
        if (endpoint.status() != EndpointStatus.ACTIVE) {
            // A disabled endpoint's deliveries wait until it is enabled again; a test must not hang.
            throw new ConflictException(
                    "endpoint_disabled", "id", "This endpoint is disabled; enable it before sending a test event.");
        }
        // Counted only for a test that would be sent: a typo in the id or a disabled endpoint uses none.
        RateLimiter.Verdict verdict = limit.tryAcquire(endpoint.id());
        if (!verdict.allowed()) {
            throw new RateLimitedException(
                    verdict.retryAfter(),
                    "Too many test events for this endpoint (at most "
                            + limit.rate().describe() + "). Try again in "
                            + verdict.retryAfter().toSeconds() + " s.");
        }
        ObjectNode data = json.createObjectNode();
        data.put("message", "This is a test event from SmartComply Webhooks. If you can read it, your endpoint works.");
        data.put("endpoint_id", endpoint.id());
        PublishedEvent sent = publisher.publishSystemEvent(accountId, mode, TYPE, data, Optional.of(endpoint));
        audit.record(accountId, context, AuditAction.ENDPOINT_TEST_SENT, AuditTarget.endpoint(endpointId), List.of());
        return sent;
    }
}
