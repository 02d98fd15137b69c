package app.smartcomply.webhooks.catalog;

import java.util.Objects;

/**
 * One way in which an event's {@code data} does not fit its type's schema. The publish API returns
 * these as the {@code param} and detail of its problem response, so both are phrased for the
 * person who sent the request.
 *
 * @param param where the problem is, in the terms of the publish request body: {@code data} for
 *     the object itself, {@code data.score}, {@code data.submitted_by.email} for nested objects,
 *     {@code data.failing_resources[0].resource_id} inside arrays. A missing required property is
 *     named itself ({@code data.test_id}), not its parent.
 * @param message what is wrong, readable on its own: {@code required property 'test_id' is
 *     missing}, {@code must be a number}
 */
public record DataViolation(String param, String message) {

    public DataViolation {
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(message, "message");
    }
}
