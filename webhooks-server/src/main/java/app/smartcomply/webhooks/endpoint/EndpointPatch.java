package app.smartcomply.webhooks.endpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields a PATCH changes. An empty Optional leaves the field as it is; for {@code
 * description}, an Optional holding the empty string clears it; for {@code headers}, the map
 * given replaces all of them (an empty map removes them); so for {@code metadata}.
 */
public record EndpointPatch(
        Optional<String> url,
        Optional<List<String>> eventTypes,
        Optional<String> description,
        Optional<EndpointStatus> status,
        Optional<Map<String, String>> headers,
        Optional<Map<String, String>> metadata) {

    /** A patch that leaves the custom headers and the metadata as they are. */
    public EndpointPatch(
            Optional<String> url,
            Optional<List<String>> eventTypes,
            Optional<String> description,
            Optional<EndpointStatus> status) {
        this(url, eventTypes, description, status, Optional.empty(), Optional.empty());
    }

    /** A patch that leaves the metadata as it is. */
    public EndpointPatch(
            Optional<String> url,
            Optional<List<String>> eventTypes,
            Optional<String> description,
            Optional<EndpointStatus> status,
            Optional<Map<String, String>> headers) {
        this(url, eventTypes, description, status, headers, Optional.empty());
    }
}
