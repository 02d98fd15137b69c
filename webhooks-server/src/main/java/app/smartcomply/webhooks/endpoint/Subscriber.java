package app.smartcomply.webhooks.endpoint;

/**
 * An active endpoint subscribed to an event type, as the publish path needs it: where the new
 * event's delivery goes.
 *
 * @param id the endpoint's id ({@code ep_…})
 * @param url where attempts are sent, as stored
 * @param filter the endpoint's filter on the event's data (compact JSON), or null for none; see
 *     {@link SubscriberFilter}
 * @param ordering the order its deliveries are sent in ({@link DeliveryOrdering#NONE}: none)
 */
public record Subscriber(String id, String url, String filter, DeliveryOrdering ordering) {

    /** A subscriber without a filter. */
    public Subscriber(String id, String url) {
        this(id, url, null);
    }

    /** A subscriber whose deliveries are sent in no particular order. */
    public Subscriber(String id, String url, String filter) {
        this(id, url, filter, DeliveryOrdering.NONE);
    }
}
