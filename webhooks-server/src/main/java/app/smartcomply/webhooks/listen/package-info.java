/**
 * {@code webhooks listen}: a CLI on a developer's machine opens a stream of the account's events
 * (Server-Sent Events on the API port, nothing inbound), forwards each to a local receiver signed
 * with its session's secret, and reports each outcome back. A session is an endpoint of kind
 * {@code listen} ({@link app.smartcomply.webhooks.endpoint.ListenEndpoints}); the reported
 * forwards are its deliveries ({@link app.smartcomply.webhooks.delivery.ReportedDeliveries}).
 */
package app.smartcomply.webhooks.listen;
