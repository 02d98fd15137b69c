package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.delivery.DeliveryStatus;
import app.smartcomply.webhooks.error.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;

/** Parses the typed query parameters of the delivery log, naming the parameter when one is wrong. */
final class QueryParams {

    private QueryParams() {}

    static DeliveryStatus status(String value) {
        if (value == null) {
            return null;
        }
        DeliveryStatus status = DeliveryStatus.fromWireName(value);
        if (status == null) {
            throw new InvalidInputException(
                    "invalid_status", "status", "status must be one of pending, succeeded, failed, cancelled.");
        }
        return status;
    }

    /**
     * An event type of the catalog; null if absent. A type not in the catalog is refused rather than
     * matching nothing, so a typo does not look like "no deliveries".
     */
    static String eventType(String value, EventCatalog catalog) {
        if (value == null || catalog.contains(value)) {
            return value;
        }
        throw new InvalidInputException(
                "unknown_event_type",
                "event_type",
                "event_type must be a type of the event catalog (GET /api/v1/webhooks/event-types).");
    }

    /** An ISO-8601 instant, e.g. 2026-05-05T14:00:00.000Z, as epoch ms; null if absent. */
    static Long instant(String value, String param) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            // Unparseable, or so far from 1970 that it does not fit in epoch milliseconds.
            throw new InvalidInputException(
                    "invalid_timestamp",
                    param,
                    param + " must be an ISO-8601 UTC timestamp such as 2026-05-05T14:00:00.000Z.");
        }
    }
}
