package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An endpoint's rate limit as the customer sets it: {@code "rate_limit": {"per_second": N}}, N a
 * whole number from {@value #MIN} to {@value #MAX}; JSON null (or leaving it out on create) means
 * no limit. The delivery engine never sends the endpoint more than N requests in any second.
 */
public final class RateLimit {

    public static final String FIELD = "rate_limit";
    public static final String PER_SECOND = FIELD + ".per_second";
    public static final int MIN = 1;
    public static final int MAX = 10_000;

    private RateLimit() {}

    /**
     * The requests per second a {@code rate_limit} value asks for.
     *
     * @return empty for JSON null: no limit
     * @throws InvalidInputException {@code invalid_rate_limit} with the offending {@code param}
     */
    public static Optional<Integer> parse(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw invalid(FIELD, "rate_limit must be an object such as {\"per_second\": 10}, or null for no limit.");
        }
        for (String name : value.propertyNames()) {
            if (!name.equals("per_second")) {
                throw invalid(FIELD + "." + name, "rate_limit has only one field, per_second.");
            }
        }
        JsonNode perSecond = value.get("per_second");
        if (perSecond == null || perSecond.isNull()) {
            throw invalid(PER_SECOND, "rate_limit.per_second is required: the most requests per second, 1 to 10000.");
        }
        // A whole JSON number only: 10.0 and "10" are refused rather than guessed at.
        if (!perSecond.isIntegralNumber() || !perSecond.canConvertToInt()) {
            throw invalid(PER_SECOND, "rate_limit.per_second must be a whole number from 1 to 10000.");
        }
        int n = perSecond.intValue();
        if (n < MIN || n > MAX) {
            throw invalid(PER_SECOND, "rate_limit.per_second must be from 1 to 10000; " + n + " is out of range.");
        }
        return Optional.of(n);
    }

    private static InvalidInputException invalid(String param, String message) {
        return new InvalidInputException("invalid_rate_limit", param, message);
    }
}
