package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.delivery.Attempt;
import app.smartcomply.webhooks.delivery.DeliveryDetail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A delivery's full request/response cycle as the delivery page shows it: the request body every
 * attempt carried (indented for reading, and byte for byte as signed), and each attempt, newest
 * first.
 */
record DeliveryPage(String requestBody, String requestBodyExact, List<AttemptView> attempts) {

    /**
     * One attempt. {@code outcome} is a few words ("HTTP 200", "No response"), {@code tone} the
     * badge colour, {@code responseBody} indented when it is JSON.
     */
    record AttemptView(Attempt attempt, String outcome, String tone, String responseBody) {}

    static DeliveryPage of(DeliveryDetail detail) {
        String exact = new String(detail.requestBody(), StandardCharsets.UTF_8);
        List<AttemptView> attempts = new ArrayList<>();
        for (Attempt attempt : detail.attempts()) {
            attempts.add(new AttemptView(
                    attempt, outcome(attempt), tone(attempt), PrettyJson.format(attempt.responseBody())));
        }
        Collections.reverse(attempts);
        return new DeliveryPage(PrettyJson.format(exact), exact, attempts);
    }

    private static String outcome(Attempt attempt) {
        return attempt.responseStatus() == null ? "No response" : "HTTP " + attempt.responseStatus();
    }

    private static String tone(Attempt attempt) {
        Integer status = attempt.responseStatus();
        return status != null && status >= 200 && status < 300 ? "ok" : "bad";
    }
}
