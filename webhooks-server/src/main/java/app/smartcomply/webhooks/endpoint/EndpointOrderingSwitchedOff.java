package app.smartcomply.webhooks.endpoint;

/**
 * A customer switched an endpoint's ordering from {@code fifo} to {@code none}: its deliveries
 * queued behind their lines' heads are to be sent like any other. Published inside the updating
 * transaction, so the release commits with the change.
 */
public record EndpointOrderingSwitchedOff(String endpointId) {}
