package app.smartcomply.webhooks.delivery;

import java.util.List;

/**
 * One HTTP try of a delivery, as it happened: what was sent and what came back.
 *
 * @param requestHeaders the headers sent, in order (signature headers included: they are
 *     HMACs, not secrets)
 * @param responseStatus null if no response arrived (connection refused, timeout, SSRF refusal)
 * @param responseBody the first 64 KiB of the response body, decoded as UTF-8
 * @param error why no usable response arrived, or null
 */
public record Attempt(
        String id,
        String deliveryId,
        int attemptNumber,
        long startedAt,
        long durationMs,
        String requestUrl,
        List<Header> requestHeaders,
        Integer responseStatus,
        List<Header> responseHeaders,
        String responseBody,
        boolean responseBodyTruncated,
        String error) {

    /** An HTTP header as sent or received. */
    public record Header(String name, String value) {}
}
