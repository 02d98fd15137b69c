package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.endpoint.EndpointOptions;
import app.smartcomply.webhooks.endpoint.RateLimit;
import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the endpoint options of a create or PATCH body ({@code asymmetric_signing}, {@code filter},
 * {@code ordering}, {@code ordering_key}, {@code rate_limit}) into {@link
 * EndpointOptions.Options}; a field left out stays as it is.
 */
final class EndpointOptionsBody {

    static final String ASYMMETRIC_SIGNING = "asymmetric_signing";
    static final String FILTER = "filter";
    static final String ORDERING = "ordering";
    static final String ORDERING_KEY = "ordering_key";
    static final String RATE_LIMIT = RateLimit.FIELD;

    private EndpointOptionsBody() {}

    static EndpointOptions.Options of(JsonBody request) {
        // The filter, the ordering and its key, and the rate limit go on as JSON (null clears them);
        // the endpoint feature checks them.
        return new EndpointOptions.Options(
                optionalBoolean(request, ASYMMETRIC_SIGNING),
                Optional.ofNullable(request.raw(FILTER)),
                Optional.ofNullable(request.raw(ORDERING)),
                Optional.ofNullable(request.raw(ORDERING_KEY)),
                Optional.ofNullable(request.raw(RATE_LIMIT)));
    }

    /** true or false; absent leaves it as it is, and null is refused (it is not a third state). */
    private static Optional<Boolean> optionalBoolean(JsonBody request, String field) {
        if (!request.has(field)) {
            return Optional.empty();
        }
        JsonNode node = request.raw(field);
        if (!node.isBoolean()) {
            throw new InvalidInputException("invalid_type", field, field + " must be true or false.");
        }
        return Optional.of(node.asBoolean());
    }
}
