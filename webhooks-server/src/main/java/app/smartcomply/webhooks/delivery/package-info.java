/**
 * Deliveries as the rest of the service sees them: the delivery log, one delivery with its
 * attempts, retry and recover by hand ({@link app.smartcomply.webhooks.delivery.DeliveryLog}), the
 * numbers for the dashboard ({@link app.smartcomply.webhooks.delivery.DeliveryStats}), the retry
 * policy, and what a publish calls inside its transaction to create its deliveries and hand the
 * ones this node can start straight to the engine ({@link
 * app.smartcomply.webhooks.delivery.DeliveryScheduler}, {@link
 * app.smartcomply.webhooks.delivery.HandOff}). The engine itself is in {@code delivery.internal}.
 *
 * <p>May use {@code endpoint}, {@code account}, {@code audit}, {@code retention}, {@code store} and
 * {@code error}; never {@code event} (which calls into it) and never the front ends. What the
 * engine must tell the rest of the service travels as Spring application events.
 */
package app.smartcomply.webhooks.delivery;
