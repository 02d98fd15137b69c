package app.smartcomply.webhooks.endpoint;

/**
 * The service turned an endpoint off by itself: it answered {@code 410 Gone}, or it failed without
 * a single success for the auto-disable period. Published inside the transaction that disabled it,
 * so whoever reacts (the event feature publishes {@code webhook.endpoint.disabled}) commits with it.
 */
public record EndpointDisabled(
    String accountId, String endpointId, String url, String reason, long disabledAt, Long failingSince) {}
