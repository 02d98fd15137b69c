package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;

/**
 * The service turned an endpoint off by itself: it answered {@code 410 Gone}, or it failed without
 * a single success for the auto-disable period. Published inside the transaction that disabled it,
 * so whoever reacts (the event feature publishes {@code webhook.endpoint.disabled}) commits with it.
 *
 * @param mode the endpoint's mode, which the announcement is published in
 */
public record EndpointDisabled(
        String accountId,
        ApiKeyMode mode,
        String endpointId,
        String url,
        String reason,
        long disabledAt,
        Long failingSince) {}
