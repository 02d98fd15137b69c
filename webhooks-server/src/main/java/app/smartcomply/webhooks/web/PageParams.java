package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.store.PrefixedIds;

/**
 * The two query parameters of every list: {@code limit} (1–100, default 20) and {@code
 * starting_after} (an id of the list's own kind).
 */
record PageParams(int limit, String startingAfter) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    static PageParams of(Integer limit, String startingAfter, String idPrefix) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw invalidLimit();
        }
        if (startingAfter != null && !PrefixedIds.isWellFormed(startingAfter, idPrefix)) {
            throw new InvalidInputException(
                    "invalid_cursor",
                    "starting_after",
                    "starting_after must be an id from this list (" + idPrefix + "…).");
        }
        return new PageParams(size, startingAfter);
    }

    /** The answer to any bad {@code limit}: out of range, or not a whole number at all. */
    static InvalidInputException invalidLimit() {
        return new InvalidInputException(
                "invalid_limit",
                "limit",
                "limit must be a whole number between 1 and " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ").");
    }
}
