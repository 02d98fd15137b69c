package app.smartcomply.webhooks.dashboard;

import java.util.Optional;

/**
 * A one-line message at the top of a page after something was done ("Endpoint disabled"). Pages
 * are reached by redirect after a form, so the message travels as a fixed code in the query
 * string — never as free text, which would let a link put any words on our page.
 *
 * @param tone {@code success}, {@code info} or {@code error}; also the CSS modifier
 */
record Notice(String tone, String text) {

    static Optional<Notice> of(String code, Integer count) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                switch (code) {
                    case "saved" -> new Notice("success", "Changes saved.");
                    case "enabled" ->
                        new Notice("success", "Endpoint enabled. New events will be delivered to it again.");
                    case "disabled" ->
                        new Notice(
                                "info", "Endpoint disabled. Events are not delivered to it until you enable it again.");
                    case "deleted" -> new Notice("success", "Endpoint deleted. Its pending deliveries were cancelled.");
                    case "test_rate_limited" ->
                        new Notice(
                                "error",
                                "Too many test events for this endpoint lately. Wait a minute, then try again.");
                    case "check_busy" ->
                        new Notice(
                                "error", "Too many endpoint checks are running right now. Try again in a few seconds.");
                    case "test_sent" ->
                        new Notice("success", "Test event sent. Its delivery appears in the log below.");
                    case "retried" -> new Notice("success", "Retry queued. The new attempt appears below in a moment.");
                    case "recovered" ->
                        count == null || count == 0
                                ? new Notice("info", "There were no failed deliveries in that period to recover.")
                                : new Notice(
                                        "success",
                                        count + (count == 1 ? " failed delivery was" : " failed deliveries were")
                                                + " queued for another attempt.");
                    case "signed_out" -> new Notice("info", "You are signed out.");
                    case "key_revoked" ->
                        new Notice("success", "API key revoked. It no longer works, and its dashboard sessions ended.");
                    case "endpoint_disabled" ->
                        new Notice("error", "The endpoint is disabled. Enable it first, then try again.");
                    case "endpoint_deleted" ->
                        new Notice("error", "The endpoint of this delivery was deleted; it cannot be sent again.");
                    case "replay_started" ->
                        new Notice("success", "Replay started. Its progress shows under Replay missed events.");
                    case "replay_in_progress" ->
                        new Notice("error", "A replay to this endpoint is running; wait for it to complete.");
                    case "replay_window_too_long" ->
                        new Notice("error", "That window is longer than the retention period.");
                    default -> null;
                });
    }
}
