/**
 * Tracing: with the standard {@code OTEL_*} settings, a span per publish and a child span per
 * delivery attempt, joined across threads and nodes through the W3C {@code traceparent} stored
 * with the event. Without them nothing here builds an SDK or adds a header. Owns the
 * OpenTelemetry configuration ({@code TracingConfiguration}) and the small API the features call
 * ({@link app.smartcomply.webhooks.tracing.Tracing}, {@link app.smartcomply.webhooks.tracing.TraceSpan});
 * uses no other package of the service.
 */
package app.smartcomply.webhooks.tracing;
