/**
 * Deliveries as the rest of the service sees them: the delivery log, one delivery with its
 * attempts, retry and recover by hand ({@link app.smartcomply.webhooks.delivery.DeliveryLog}), the
 * numbers for the dashboard ({@link app.smartcomply.webhooks.delivery.DeliveryStats}), the retry
 * policy, and what a publish asks inside its unit of work: to enqueue its deliveries, which hands
 * the ones this node can start straight to the engine once the unit commits ({@link
 * app.smartcomply.webhooks.delivery.DeliveryIntake}). The engine itself is in {@code
 * delivery.internal}.
 *
 * <p>May use {@code endpoint}, {@code account}, {@code audit}, {@code retention}, {@code store} and
 * {@code error}; never {@code event} (which calls into it) and never the front ends. What the
 * engine must tell the rest of the service travels as Spring application events.
 */
package app.smartcomply.webhooks.delivery;
