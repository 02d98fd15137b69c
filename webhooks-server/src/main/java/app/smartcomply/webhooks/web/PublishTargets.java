package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.catalog.EventCatalog;
import org.springframework.stereotype.Component;
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

  PublishTargets(EventCatalog catalog) {
    this.trigger = new TestModeTrigger(catalog);
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
      case Caller.Platform platform -> new Target(
          event.requiredString("account_id"),
          event.has("mode") ? ApiKeyMode.parse(event.optionalString("mode").orElse(null), "mode") : ApiKeyMode.LIVE,
          event.raw("data"));
      case Caller.Customer customer -> {
        TestModeTrigger.Publish publish = trigger.decide(customer, event);
        yield new Target(publish.accountId(), publish.mode(), publish.data());
      }
    };
  }
}
