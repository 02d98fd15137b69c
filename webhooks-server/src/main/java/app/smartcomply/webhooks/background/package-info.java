/**
 * The service's background threads, in two shapes: a {@link
 * app.smartcomply.webhooks.background.BackgroundLoop} (start, stop, join, a wake-up with a bounded
 * wait, failure and crash logging) and a {@link app.smartcomply.webhooks.background.Batcher} (many
 * threads queue items, one thread drains what is queued up to a limit and hands it on). Uses
 * nothing of the service's own, so every layer may use it, {@code store} included.
 */
package app.smartcomply.webhooks.background;
