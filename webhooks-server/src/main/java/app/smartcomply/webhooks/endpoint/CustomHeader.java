package app.smartcomply.webhooks.endpoint;

/**
 * A header the customer asked to be sent with every delivery to an endpoint, e.g. {@code
 * Authorization: Bearer …}. Its value is often a credential: {@link #toString()} masks it, the
 * API and the dashboard show {@link #MASKED_VALUE} instead, and so does the attempt log.
 *
 * @param name an HTTP token, not one of {@link CustomHeaderRules}' reserved names
 * @param value visible ASCII and inner spaces only
 */
public record CustomHeader(String name, String value) {

    /** What every read shows instead of a value: the same whatever the value, so it tells nothing. */
    public static final String MASKED_VALUE = "********";

    @Override
    public String toString() {
        return name + ": " + MASKED_VALUE;
    }
}
