package app.smartcomply.webhooks.endpoint;

/**
 * A customer changed an endpoint (its URL, subscriptions, description or status). Published inside
 * the updating transaction.
 */
public record EndpointUpdated(String accountId, String endpointId, long updatedAt) {}
