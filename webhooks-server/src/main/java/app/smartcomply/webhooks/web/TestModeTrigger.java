package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import tools.jackson.databind.JsonNode;

/**
 * What an account's own key may publish through {@code POST /api/v1/events} ({@code ./webhooks
 * trigger}): test-mode events of its own account, so a customer can fire any catalog type at its
 * test endpoints. A live key may not — live events are the platform's, and a customer must not be
 * able to make its production receivers act on invented data — and neither may any key ask for
 * live mode or another account. Without {@code data}, the type's catalog example is sent.
 */
final class TestModeTrigger {

    /** Where and what a customer's publish goes: always its own account, always test mode. */
    record Publish(String accountId, ApiKeyMode mode, JsonNode data) {}

    private final EventCatalog catalog;

    TestModeTrigger(EventCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @throws CallerArguments.ForbiddenException {@code live_trigger_forbidden} for a live key or
     *     {@code "mode": "live"}, {@code account_mismatch} for another account's id
     */
    Publish decide(Caller.Customer customer, JsonBody request) {
        requireTestKey(customer);
        if (request.has("mode")
                && ApiKeyMode.parse(request.optionalString("mode").orElse(null), "mode") != ApiKeyMode.TEST) {
            throw new CallerArguments.ForbiddenException(
                    "live_trigger_forbidden",
                    "mode",
                    "An account's key can only trigger test events: leave mode out or set it to \"test\".");
        }
        String account = request.optionalString("account_id").orElse(customer.accountId());
        if (!account.equals(customer.accountId())) {
            throw new CallerArguments.ForbiddenException(
                    "account_mismatch",
                    "account_id",
                    "An account's key can only trigger events for its own account: leave account_id out.");
        }
        JsonNode data = request.has("data")
                ? request.raw("data")
                : example(request.optionalString("type").orElse(null));
        return new Publish(customer.accountId(), ApiKeyMode.TEST, data);
    }

    /**
     * Whether this key may trigger at all, whatever it asks for.
     *
     * @throws CallerArguments.ForbiddenException {@code live_trigger_forbidden} for a live key
     */
    static void requireTestKey(Caller.Customer customer) {
        if (customer.mode() != ApiKeyMode.TEST) {
            throw new CallerArguments.ForbiddenException(
                    "live_trigger_forbidden",
                    "Authorization",
                    "A live key cannot publish events: live events come from SmartComply's own services. Use one of the"
                            + " account's test keys (sc_test_…) to trigger test events at your test endpoints.");
        }
    }

    /** The catalog's example for a publishable type; null otherwise, so the publish explains what is wrong. */
    private JsonNode example(String type) {
        return type == null
                ? null
                : catalog.find(type)
                        .filter(t -> !t.reserved())
                        .map(EventType::example)
                        .orElse(null);
    }
}
