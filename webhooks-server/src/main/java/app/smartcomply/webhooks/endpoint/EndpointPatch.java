package app.smartcomply.webhooks.endpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields a PATCH changes. An empty Optional leaves the field as it is; for {@code
 * description}, an Optional holding the empty string clears it; for {@code headers}, the map
 * given replaces all of them (an empty map removes them).
 */
public record EndpointPatch(
    Optional<String> url,
    Optional<List<String>> eventTypes,
    Optional<String> description,
    Optional<EndpointStatus> status,
    Optional<Map<String, String>> headers) {

  /** A patch that leaves the custom headers as they are. */
  public EndpointPatch(
      Optional<String> url, Optional<List<String>> eventTypes, Optional<String> description,
      Optional<EndpointStatus> status) {
    this(url, eventTypes, description, status, Optional.empty());
  }
}
