package app.smartcomply.webhooks.testkit;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Reads the delivery log the way a customer does ({@code GET /api/v1/webhooks/deliveries…}), and
 * waits until an event's delivery has the attempts a test expects. Waiting is real time, bounded
 * only to catch a hang: an attempt is network I/O to a receiver, not time in the service.
 */
public final class DeliveryLogReader {

    private final ApiClient api;
    private final String apiKey;

    public DeliveryLogReader(ApiClient api, String apiKey) {
        this.api = api;
        this.apiKey = apiKey;
    }

    /**
     * Returns the delivery of {@code eventId} (the account must have exactly one endpoint that
     * gets it) as {@code GET /api/v1/webhooks/deliveries/{id}} shows it, once at least
     * {@code attempts} attempts are recorded.
     *
     * @throws AssertionError if that does not happen within {@code timeout}
     */
    public JsonNode awaitAttempts(String eventId, int attempts, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            String deliveryId = deliveryIdOf(eventId);
            if (deliveryId != null) {
                last = ApiClient.expect(200, api.get("/api/v1/webhooks/deliveries/" + deliveryId, apiKey))
                        .json();
                if (last.get("attempts").size() >= attempts && isConsistent(last)) {
                    return last;
                }
            }
            pause();
        }
        throw new AssertionError("Expected " + attempts + " attempt(s) for " + eventId + " within " + timeout
                + "; the delivery log showed: " + last);
    }

    /**
     * True if the delivery's own row already counts every attempt listed with it. The log reads
     * the delivery and its attempts in two statements, so a read that straddles the commit of an
     * attempt can list the attempt while the status still says pending; such a view is read again.
     */
    private static boolean isConsistent(JsonNode delivery) {
        return delivery.get("attempt_count").asInt() >= delivery.get("attempts").size();
    }

    private String deliveryIdOf(String eventId) {
        JsonNode list = ApiClient.expect(200, api.get("/api/v1/webhooks/deliveries?event_id=" + eventId, apiKey))
                .json();
        JsonNode data = list.get("data");
        if (data.size() > 1) {
            throw new AssertionError("Expected one delivery of " + eventId + " but found " + data.size());
        }
        return data.isEmpty() ? null : data.get(0).get("id").asString();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
