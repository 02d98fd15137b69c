/**
 * Signing and verification of SmartComply webhook deliveries.
 *
 * <p>JDK only (Java 17+), so the delivery service and customers' receivers share one
 * implementation of the wire format (the README's "What receivers get"):
 * <ul>
 *   <li>{@code X-SmartComply-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, where each
 *       {@code v1} is lowercase hex HMAC-SHA256 over {@code "<t>." + body}, keyed with the UTF-8
 *       bytes of the whole secret string ({@code whsec_} prefix included), one per valid secret,
 *       newest last;</li>
 *   <li>the Standard Webhooks headers {@code webhook-id}, {@code webhook-timestamp},
 *       {@code webhook-signature: v1,<base64>[ v1,<base64>…]}, keyed with the base64-decoded part
 *       of the same secret.</li>
 * </ul>
 *
 * <p>{@link app.smartcomply.webhooks.signature.WebhookSigner} signs,
 * {@link app.smartcomply.webhooks.signature.WebhookVerifier} verifies,
 * {@link app.smartcomply.webhooks.signature.SigningSecret} holds a secret.
 */
package app.smartcomply.webhooks.signature;
