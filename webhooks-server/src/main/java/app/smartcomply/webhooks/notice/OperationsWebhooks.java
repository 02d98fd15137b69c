package app.smartcomply.webhooks.notice;

import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import app.smartcomply.webhooks.delivery.EndpointHealthListener.DeadLetter;
import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.endpoint.InvalidDestinationException;
import app.smartcomply.webhooks.endpoint.PlatformEndpoint;
import app.smartcomply.webhooks.event.EventPublisher;
import app.smartcomply.webhooks.event.WireFormat;
import app.smartcomply.webhooks.signature.SigningSecret;
import java.util.Optional;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operational webhooks for the platform: {@code endpoint.failing}, {@code endpoint.disabled},
 * {@code endpoint.recovered} and {@code delivery.exhausted}, about every customer's endpoints, sent
 * to {@code WEBHOOKS_OPERATIONS_URL} and signed with {@code WEBHOOKS_OPERATIONS_SECRET}.
 *
 * <p>They go through the delivery engine like any event — retries, the delivery log, the
 * destination policy — as events of a platform-owned account ({@link #ACCOUNT_ID}) with one
 * endpoint ({@link #ENDPOINT_ID}) that subscribes to them; both are made, or brought in line with
 * the settings, at every start. The account's own endpoint failing never produces events about
 * itself, which would otherwise feed on themselves. Without the URL, the endpoint (if any) is
 * switched off.
 */
@Component
class OperationsWebhooks implements NoticeChannel, SmartInitializingSingleton {

    static final String ACCOUNT_ID = "acct_00000000000000000000000000000001";
    static final String ENDPOINT_ID = "whe_00000000000000000000000000000001";

    private final String url;
    private final SigningSecret secret;
    private final AccountService accounts;
    private final PlatformEndpoint endpoint;
    private final EventPublisher publisher;
    private final EventCatalog catalog;
    private final JsonMapper json;

    OperationsWebhooks(
            @Value("${webhooks.operations.url:}") String url,
            @Value("${webhooks.operations.secret:}") String secret,
            DestinationPolicy destinations,
            AccountService accounts,
            PlatformEndpoint endpoint,
            EventPublisher publisher,
            EventCatalog catalog,
            JsonMapper json) {
        this.url = url.isBlank() ? null : url.strip();
        this.secret = this.url == null ? null : validSecret(secret);
        if (this.url != null) {
            try {
                destinations.validateUrl(this.url);
            } catch (InvalidDestinationException e) {
                throw new IllegalStateException("WEBHOOKS_OPERATIONS_URL is not usable: " + e.getMessage());
            }
        }
        this.accounts = accounts;
        this.endpoint = endpoint;
        this.publisher = publisher;
        this.catalog = catalog;
        this.json = json;
    }

    private static SigningSecret validSecret(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "WEBHOOKS_OPERATIONS_URL is set but WEBHOOKS_OPERATIONS_SECRET is not: set it to a whsec_ secret"
                            + " (whsec_ followed by base64 of at least 16 random bytes) that the receiver verifies signatures with.");
        }
        try {
            return SigningSecret.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("WEBHOOKS_OPERATIONS_SECRET is malformed: " + e.getMessage());
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (url == null) {
            endpoint.retire(ACCOUNT_ID, ENDPOINT_ID, "WEBHOOKS_OPERATIONS_URL is not set.");
            return;
        }
        accounts.ensurePlatformAccount(ACCOUNT_ID, "SmartComply platform operations");
        endpoint.sync(
                ACCOUNT_ID,
                ENDPOINT_ID,
                url,
                secret,
                catalog.platformTypes().stream().map(EventType::name).toList());
    }

    @Override
    public void endpoint(EndpointNotice notice) {
        if (url == null || ACCOUNT_ID.equals(notice.accountId())) {
            return;
        }
        ObjectNode data = json.createObjectNode();
        data.put("account_id", notice.accountId());
        data.put("endpoint_id", notice.endpointId());
        data.put("url", notice.url());
        String type = switch (notice.kind()) {
            case FAILING -> {
                putTime(data, "failing_since", notice.failingSince());
                data.put("last_error", notice.lastError() == null ? "Unknown" : notice.lastError());
                putTime(data, "noticed_at", notice.at());
                yield "endpoint.failing";
            }
            case DISABLED -> {
                data.put("reason", notice.reason());
                if (notice.lastError() != null) {
                    data.put("last_error", notice.lastError());
                }
                putTime(data, "failing_since", notice.failingSince());
                putTime(data, "disabled_at", notice.at());
                yield "endpoint.disabled";
            }
            case RECOVERED -> {
                putTime(data, "failing_since", notice.failingSince());
                putTime(data, "recovered_at", notice.at());
                yield "endpoint.recovered";
            }
        };
        publisher.publishSystemEvent(ACCOUNT_ID, ApiKeyMode.LIVE, type, data, Optional.empty());
    }

    @Override
    public void deadLettered(DeadLetter dead, long at) {
        if (url == null || ACCOUNT_ID.equals(dead.accountId())) {
            return;
        }
        ObjectNode data = json.createObjectNode();
        data.put("account_id", dead.accountId());
        data.put("delivery_id", dead.deliveryId());
        data.put("event_id", dead.eventId());
        data.put("event_type", dead.eventType());
        data.put("endpoint_id", dead.endpointId());
        data.put("url", dead.url());
        data.put("attempts", dead.attempts());
        data.put("last_error", dead.lastError());
        putTime(data, "failed_at", at);
        publisher.publishSystemEvent(ACCOUNT_ID, ApiKeyMode.LIVE, "delivery.exhausted", data, Optional.empty());
    }

    private static void putTime(ObjectNode data, String field, Long at) {
        if (at != null) {
            data.put(field, WireFormat.timestamp(at));
        }
    }
}
