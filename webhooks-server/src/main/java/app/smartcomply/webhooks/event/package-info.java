/**
 * Events: publishing one for an account — the event row and its deliveries in one transaction,
 * idempotency keys included ({@link app.smartcomply.webhooks.event.EventPublisher}) — reading them
 * back, the test event, and the service's own {@code webhook.endpoint.disabled} notice.
 *
 * <p>May use {@code delivery}, {@code endpoint}, {@code account}, {@code catalog}, {@code audit},
 * {@code limits}, {@code retention}, {@code store} and {@code error}. Nothing but the front ends
 * uses it; the engine reaches it only through Spring application events.
 */
package app.smartcomply.webhooks.event;
