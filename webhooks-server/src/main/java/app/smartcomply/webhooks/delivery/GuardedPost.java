package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import java.time.Duration;
import java.util.List;

/**
 * One POST to a customer's URL through the delivery engine's own HTTP client — for the features
 * that must talk to a receiver outside a delivery (the endpoint conformance check).
 *
 * <p>Everything that holds for an attempt holds here: the URL and every address it resolves to
 * pass the SSRF guard ({@link app.smartcomply.webhooks.endpoint.DestinationPolicy}) exactly as for
 * deliveries, no redirect is followed, the response head is read within the delivery limits and at
 * most {@code webhooks.delivery.max-response-body} of the body. The whole exchange is bounded by
 * {@code timeout} (and by {@code webhooks.delivery.timeout}, the client's own socket timeouts).
 * Headers are sent exactly as given: the caller signs (or forges) them.
 */
public interface GuardedPost {

    /**
     * Sends {@code body} with {@code headers} to {@code url}. Never throws for what the receiver or
     * the network did: that is in the answer.
     */
    Answer post(String url, List<Header> headers, byte[] body, Duration timeout);

    /**
     * What came back.
     *
     * @param status the HTTP status, or null if no response arrived
     * @param body the first bytes of the response body (empty without a response)
     * @param error why no response arrived (timeout, connection refused, refused by the SSRF guard),
     *     in words for the customer; null with a response
     * @param timedOut whether {@code timeout} ran out before a complete response
     */
    record Answer(Integer status, byte[] body, String error, boolean timedOut) {

        /** Whether an HTTP response arrived. */
        public boolean answered() {
            return status != null;
        }
    }
}
