package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.delivery.Attempt;
import app.smartcomply.webhooks.delivery.Delivery;
import app.smartcomply.webhooks.delivery.DeliveryDetail;
import app.smartcomply.webhooks.event.WireFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deliveries and attempts on the wire: the full request/response cycle of every attempt. */
final class DeliveryViews {

    private DeliveryViews() {}

    @Schema(name = "Delivery", description = "One event on its way to one endpoint.")
    record View(
            String id,
            String eventId,
            String endpointId,
            String eventType,

            @Schema(allowableValues = {"pending", "succeeded", "failed", "cancelled"})
            String status,

            int attemptCount,
            String nextAttemptAt,
            Integer lastResponseStatus,
            String lastError,
            String lastAttemptAt,
            String createdAt,
            String updatedAt,
            @Schema(allowableValues = {"live", "test"}) String mode) {

        static View of(Delivery d) {
            return new View(
                    d.id(),
                    d.eventId(),
                    d.endpointId(),
                    d.eventType(),
                    d.status().wireName(),
                    d.attemptCount(),
                    WireFormat.timestamp(d.nextAttemptAt()),
                    d.lastStatus(),
                    d.lastError(),
                    WireFormat.timestamp(d.lastAttemptAt()),
                    WireFormat.timestamp(d.createdAt()),
                    WireFormat.timestamp(d.updatedAt()),
                    d.mode().wire());
        }
    }

    @Schema(name = "DeliveryDetail", description = "A delivery with the full request/response cycle of every attempt.")
    record Detail(
            String id,
            String eventId,
            String endpointId,
            String eventType,

            @Schema(allowableValues = {"pending", "succeeded", "failed", "cancelled"})
            String status,

            int attemptCount,
            String nextAttemptAt,
            String createdAt,
            String updatedAt,
            String requestBody,
            List<AttemptView> attempts,
            @Schema(allowableValues = {"live", "test"}) String mode) {

        static Detail of(DeliveryDetail detail) {
            Delivery d = detail.delivery();
            return new Detail(
                    d.id(),
                    d.eventId(),
                    d.endpointId(),
                    d.eventType(),
                    d.status().wireName(),
                    d.attemptCount(),
                    WireFormat.timestamp(d.nextAttemptAt()),
                    WireFormat.timestamp(d.createdAt()),
                    WireFormat.timestamp(d.updatedAt()),
                    new String(detail.requestBody(), StandardCharsets.UTF_8),
                    detail.attempts().stream().map(AttemptView::of).toList(),
                    d.mode().wire());
        }
    }

    @Schema(name = "Attempt")
    record AttemptView(
            String id,
            int attemptNumber,
            String startedAt,
            long durationMs,
            RequestView request,
            ResponseView response,
            String error) {

        static AttemptView of(Attempt a) {
            ResponseView response = a.responseStatus() == null
                    ? null
                    : new ResponseView(
                            a.responseStatus(),
                            headers(a.responseHeaders()),
                            a.responseBody(),
                            a.responseBodyTruncated());
            return new AttemptView(
                    a.id(),
                    a.attemptNumber(),
                    WireFormat.timestamp(a.startedAt()),
                    a.durationMs(),
                    new RequestView("POST", a.requestUrl(), headers(a.requestHeaders())),
                    response,
                    a.error());
        }
    }

    @Schema(name = "AttemptRequest")
    record RequestView(String method, String url, Map<String, String> headers) {}

    @Schema(name = "AttemptResponse", description = "Absent when no response came (connection error, timeout).")
    record ResponseView(int status, Map<String, String> headers, String body, boolean bodyTruncated) {}

    /** Headers as an object; a repeated name's values are joined with ", " as HTTP allows. */
    private static Map<String, String> headers(List<Attempt.Header> headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Attempt.Header header : headers) {
            map.merge(header.name(), header.value(), (a, b) -> a + ", " + b);
        }
        return map;
    }
}
