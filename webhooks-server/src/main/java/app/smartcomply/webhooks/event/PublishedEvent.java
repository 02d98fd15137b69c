package app.smartcomply.webhooks.event;

/**
 * The answer to a publish: the event, how many deliveries it fanned out to, and whether it was
 * created now or is the original of a repeated idempotency key.
 */
public record PublishedEvent(Event event, int deliveries, boolean replayed) {}
