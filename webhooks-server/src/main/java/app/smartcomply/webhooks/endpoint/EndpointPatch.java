package app.smartcomply.webhooks.endpoint;

import java.util.List;
import java.util.Optional;

/**
 * The fields a PATCH changes. An empty Optional leaves the field as it is; for {@code
 * description}, an Optional holding the empty string clears it.
 */
public record EndpointPatch(
    Optional<String> url,
    Optional<List<String>> eventTypes,
    Optional<String> description,
    Optional<EndpointStatus> status) {}
