/**
 * Encryption of signing secrets at rest (AES-256-GCM, bound to the endpoint id) and where its key
 * comes from. Only {@code endpoint} may use it; it uses {@code store} and the {@code
 * webhooks-signature} module.
 */
package app.smartcomply.webhooks.endpoint.internal;
