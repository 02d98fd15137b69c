package app.smartcomply.webhooks.endpoint;

/**
 * A customer deleted an endpoint. Published inside the deleting transaction; the delivery feature
 * cancels the endpoint's pending deliveries in the same commit.
 */
public record EndpointDeleted(String accountId, String endpointId, long deletedAt) {}
