package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.delivery.Attempt.Header;
import java.util.List;

/**
 * An attempt made by someone other than the delivery engine — the {@code webhooks listen} CLI
 * forwarding an event to a local receiver — and reported back so that it shows in the delivery
 * log. The delivery it belongs to is complete with this one attempt.
 *
 * @param deliveryId the id the forward carried in its delivery-id header ({@code dlv_…})
 * @param requestUrl where it was forwarded
 * @param requestHeaders the headers forwarded, in order
 * @param responseStatus the receiver's HTTP status, or null if no response arrived
 * @param responseBody the start of the receiver's answer (UTF-8), or null
 * @param error why no usable response arrived, or null
 */
public record ReportedAttempt(
        String deliveryId,
        String accountId,
        ApiKeyMode mode,
        String eventId,
        String eventType,
        String endpointId,
        long startedAt,
        long durationMs,
        String requestUrl,
        List<Header> requestHeaders,
        Integer responseStatus,
        String responseBody,
        boolean responseBodyTruncated,
        String error) {

    /** Whether the receiver accepted it: a 2xx answer. */
    public boolean succeeded() {
        return responseStatus != null && responseStatus >= 200 && responseStatus < 300;
    }
}
