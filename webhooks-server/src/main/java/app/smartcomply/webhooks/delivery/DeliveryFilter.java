package app.smartcomply.webhooks.delivery;

/**
 * Narrows a delivery list; null fields do not filter.
 *
 * @param createdFrom inclusive lower bound on creation time (epoch ms)
 * @param createdTo exclusive upper bound on creation time (epoch ms)
 */
public record DeliveryFilter(
        String endpointId, DeliveryStatus status, String eventType, String eventId, Long createdFrom, Long createdTo) {

    public static DeliveryFilter none() {
        return new DeliveryFilter(null, null, null, null, null, null);
    }

    public DeliveryFilter forEndpoint(String id) {
        return new DeliveryFilter(id, status, eventType, eventId, createdFrom, createdTo);
    }
}
