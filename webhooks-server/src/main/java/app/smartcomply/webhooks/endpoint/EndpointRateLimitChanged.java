package app.smartcomply.webhooks.endpoint;

/**
 * An endpoint's {@code rate_limit} was set, changed or removed (published inside the transaction
 * that writes it): the delivery engine of this node reads the limits again once it commits.
 */
public record EndpointRateLimitChanged(String endpointId) {}
