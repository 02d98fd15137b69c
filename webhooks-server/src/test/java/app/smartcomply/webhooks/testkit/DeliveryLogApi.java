package app.smartcomply.webhooks.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Reads the delivery log of one account through the public API, as a customer would, and waits
 * (for real: the engine works on its own threads) until a delivery reaches a given state.
 */
public final class DeliveryLogApi {

    private final ApiClient api;
    private final String apiKey;

    public DeliveryLogApi(ApiClient api, String apiKey) {
        this.api = api;
        this.apiKey = apiKey;
    }

    /** {@code GET /api/v1/webhooks/deliveries/{id}}: the delivery with all its attempts. */
    public JsonNode get(String deliveryId) {
        return ApiClient.expect(200, api.get("/api/v1/webhooks/deliveries/" + deliveryId, apiKey))
                .json();
    }

    /** The id of the one delivery of {@code eventId} to {@code endpointId}. */
    public String idOf(String eventId, String endpointId) {
        List<JsonNode> found = search("event_id=" + eventId + "&endpoint_id=" + endpointId);
        if (found.size() != 1) {
            throw new AssertionError(
                    "Expected one delivery of " + eventId + " to " + endpointId + ", found " + found.size());
        }
        return found.getFirst().get("id").asString();
    }

    /** {@code GET /api/v1/webhooks/deliveries?<query>}, first page (up to 100), newest first. */
    public List<JsonNode> search(String query) {
        JsonNode page = ApiClient.expect(200, api.get("/api/v1/webhooks/deliveries?limit=100&" + query, apiKey))
                .json();
        List<JsonNode> rows = new ArrayList<>();
        page.get("data").forEach(rows::add);
        return rows;
    }

    /** Waits until the delivery has recorded at least {@code attempts} attempts; returns it then. */
    public JsonNode awaitAttempts(String deliveryId, int attempts, Duration timeout) {
        return await(deliveryId, d -> d.get("attempt_count").asInt() >= attempts, attempts + " attempts", timeout);
    }

    /** Waits until the delivery's status is {@code status}; returns it then. */
    public JsonNode awaitStatus(String deliveryId, String status, Duration timeout) {
        return await(deliveryId, d -> status.equals(d.get("status").asString()), "status " + status, timeout);
    }

    private JsonNode await(String deliveryId, Predicate<JsonNode> condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode delivery = get(deliveryId);
            if (condition.test(delivery)) {
                return delivery;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Delivery " + deliveryId + " did not reach " + what + " within " + timeout
                        + "; it is now: " + delivery);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
