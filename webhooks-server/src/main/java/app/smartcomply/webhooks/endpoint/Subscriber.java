package app.smartcomply.webhooks.endpoint;

/**
 * An active endpoint subscribed to an event type, as the publish path needs it: where the new
 * event's delivery goes.
 *
 * @param id the endpoint's id ({@code ep_…})
 * @param url where attempts are sent, as stored
 */
public record Subscriber(String id, String url) {}
