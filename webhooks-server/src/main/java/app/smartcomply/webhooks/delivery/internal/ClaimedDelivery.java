package app.smartcomply.webhooks.delivery.internal;

/**
 * A delivery leased to this node, with everything one attempt needs.
 *
 * @param previousAttempts attempts made before this one; this attempt is number {@code
 *     previousAttempts + 1}
 * @param payload the exact bytes to sign and send
 */
public record ClaimedDelivery(
    String id,
    String accountId,
    String eventId,
    String eventType,
    String endpointId,
    String url,
    int previousAttempts,
    byte[] payload) {

  public int attemptNumber() {
    return previousAttempts + 1;
  }
}
