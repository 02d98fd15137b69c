/**
 * The endpoint conformance check: a short series of requests sent to a customer's endpoint — one
 * correctly signed, the others forged, stale, tampered with, unsigned, signed during a rotation, or
 * repeated — each answer graded against what a safe receiver does, with a plain-language fix for
 * each failure ({@link app.smartcomply.webhooks.check.EndpointChecks}). The series runs on its own
 * virtual thread through the delivery engine's guarded client ({@link
 * app.smartcomply.webhooks.delivery.GuardedPost}), so the SSRF guard applies exactly as for
 * deliveries; results are stored in {@code endpoint_checks}.
 *
 * <p>May use {@code endpoint}, {@code delivery} (its public API only), {@code event} ({@code
 * WireFormat}), {@code account}, {@code limits}, {@code store}, {@code error} and the {@code
 * webhooks-signature} module; nothing depends on it but the front ends.
 */
package app.smartcomply.webhooks.check;
