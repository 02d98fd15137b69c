/**
 * Static egress: the operator's HTTP CONNECT proxy that every delivery leaves through ({@code
 * WEBHOOKS_EGRESS_PROXY}) and the addresses customers may allowlist ({@code WEBHOOKS_EGRESS_IPS}),
 * both checked when the service starts. Used by {@code delivery} (the proxy) and by {@code web} and
 * {@code dashboard} (the published addresses); uses nothing of the service's own.
 */
package app.smartcomply.webhooks.egress;
