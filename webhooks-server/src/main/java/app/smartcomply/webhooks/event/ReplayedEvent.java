package app.smartcomply.webhooks.event;

import java.util.List;

/**
 * What a replay of one event created: one new delivery per endpoint, in the order the endpoints
 * were named (or, by default, in endpoint id order). Empty if no endpoint subscribes to it now.
 */
public record ReplayedEvent(String eventId, List<NewDelivery> deliveries) {

    /** The new delivery ({@code whd_…}) of the event to one endpoint. */
    public record NewDelivery(String endpointId, String deliveryId) {}
}
