package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.delivery.Delivery;
import app.smartcomply.webhooks.delivery.DeliveryStatus;

/**
 * A delivery as one line of a log: its state in words and colour, and what the endpoint last
 * answered.
 *
 * @param tone CSS modifier of the status badge: {@code ok}, {@code bad}, {@code warn}, {@code muted}
 */
record DeliveryRow(Delivery delivery, String statusLabel, String tone, String lastResponse) {

    private static final int MAX_ERROR_LENGTH = 90;

    static DeliveryRow of(Delivery d) {
        return new DeliveryRow(d, statusLabel(d), tone(d.status()), lastResponse(d));
    }

    static String statusLabel(Delivery d) {
        return switch (d.status()) {
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
            case PENDING -> d.attemptCount() == 0 ? "Pending" : "Retrying";
        };
    }

    static String tone(DeliveryStatus status) {
        return switch (status) {
            case SUCCEEDED -> "ok";
            case FAILED -> "bad";
            case PENDING -> "warn";
            case CANCELLED -> "muted";
        };
    }

    private static String lastResponse(Delivery d) {
        if (d.lastStatus() != null) {
            return "HTTP " + d.lastStatus();
        }
        if (d.lastError() != null) {
            String error = d.lastError();
            return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
        }
        return d.attemptCount() == 0 ? "Not attempted yet" : "—";
    }
}
