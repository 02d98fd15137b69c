/**
 * The delivery engine of one node: the queue of deliveries in the store and the leases on it
 * ({@link app.smartcomply.webhooks.delivery.internal.JdbcDeliveryQueue}, {@link
 * app.smartcomply.webhooks.delivery.internal.DueCandidates}), the dispatcher and the attempts on
 * virtual threads ({@link app.smartcomply.webhooks.delivery.internal.DeliveryEngine}), the hand-off
 * of new deliveries from a publish, the HTTP sender behind the SSRF guard, the planning and the
 * group-committed recording of outcomes, per-endpoint room and pauses, holding the deliveries of
 * disabled endpoints and cancelling those of deleted ones, and the wake-ups between nodes on
 * PostgreSQL. Every write that changes a delivery's state is in this package or in {@link
 * app.smartcomply.webhooks.delivery.DeliveryLog}.
 *
 * <p>Only {@code delivery} may use it. It may use {@code endpoint} (secrets, health, disabling),
 * {@code account}, {@code store} and the {@code webhooks-signature} module.
 */
package app.smartcomply.webhooks.delivery.internal;
