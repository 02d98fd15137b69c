/**
 * The exceptions a feature throws when a request cannot be served as asked — not found (or another
 * account's), conflict, invalid input, rate limited — each with a machine-readable code and the
 * offending parameter. The front ends turn them into {@code application/problem+json} answers.
 *
 * <p>Uses no other package of the service, so that every feature may use it.
 */
package app.smartcomply.webhooks.error;
