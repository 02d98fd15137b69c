package app.smartcomply.webhooks.listen;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import java.util.List;

/**
 * What the CLI reports about one forward.
 *
 * @param deliveryId the id the stream gave the event ({@code whd_…})
 * @param eventId the event forwarded
 * @param url where it was forwarded (the CLI's {@code --forward-to})
 * @param requestHeaders the headers forwarded
 * @param responseStatus the local receiver's status, or null if none arrived
 * @param durationMs how long the forward took
 * @param responseBody the start of the receiver's answer, or null
 * @param error why no answer arrived (connection refused, timed out), or null
 */
public record ListenReport(
        String deliveryId,
        String eventId,
        String url,
        List<Header> requestHeaders,
        Integer responseStatus,
        long durationMs,
        String responseBody,
        String error) {}
