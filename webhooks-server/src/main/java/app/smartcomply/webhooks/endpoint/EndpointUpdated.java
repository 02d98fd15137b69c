package app.smartcomply.webhooks.endpoint;

/**
 * A customer changed an endpoint (its URL, subscriptions, description or status). Published inside
 * the updating transaction.
 *
 * @param previousStatus its status before the change
 * @param status its status after the change: a switch is {@code previousStatus != status}
 */
public record EndpointUpdated(
        String accountId, String endpointId, long updatedAt, EndpointStatus previousStatus, EndpointStatus status) {}
