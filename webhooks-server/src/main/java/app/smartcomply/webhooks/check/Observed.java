package app.smartcomply.webhooks.check;

/**
 * What one request of a check brought back.
 *
 * @param status the HTTP status, or null if no answer came
 * @param error why no answer came, or null
 * @param timedOut whether the request's time ran out
 * @param latencyMs from sending to the answer, by the service's clock
 */
record Observed(Integer status, String error, boolean timedOut, long latencyMs) {

    boolean accepted() {
        return status != null && status >= 200 && status < 300;
    }

    boolean rejected() {
        return status != null && status >= 400 && status < 500;
    }

    /** As the {@code got} of a case shows it. */
    String describe() {
        return status != null ? "HTTP " + status + " in " + latencyMs + " ms" : error;
    }
}
