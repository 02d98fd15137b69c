package app.smartcomply.webhooks.delivery.internal;

/**
 * A delivery leased to this node, with everything one attempt needs.
 *
 * @param previousAttempts attempts made before this one; this attempt is number {@code
 *     previousAttempts + 1}
 * @param payload the exact bytes to sign and send
 * @param traceparent the W3C traceparent of the publish, stored with the event; null when the
 *     event was published with tracing off (see {@code app.smartcomply.webhooks.tracing.Tracing})
 */
public record ClaimedDelivery(
    String id,
    String accountId,
    String eventId,
    String eventType,
    String endpointId,
    String url,
    int previousAttempts,
    byte[] payload,
    String traceparent) {

  /** A delivery of an event published with no trace context. */
  public ClaimedDelivery(
      String id, String accountId, String eventId, String eventType, String endpointId, String url,
      int previousAttempts, byte[] payload) {
    this(id, accountId, eventId, eventType, endpointId, url, previousAttempts, payload, null);
  }

  public int attemptNumber() {
    return previousAttempts + 1;
  }
}
