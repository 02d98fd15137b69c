package app.smartcomply.webhooks.delivery.internal;

import java.util.Collection;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * How many more deliveries each endpoint may take in one claim: what keeps a claim from leasing
 * work this node would only have to give back.
 *
 * @param full endpoints with no room at all, left out of the claim query itself
 * @param roomFor room of any other endpoint (at least 1)
 */
record ClaimRoom(Set<String> full, ToIntFunction<String> roomFor) {

  ClaimRoom {
    full = Set.copyOf(full);
  }

  /** No limit per endpoint, and none at all for the listed ones. */
  static ClaimRoom unlimitedExcept(Collection<String> excluded) {
    return new ClaimRoom(Set.copyOf(excluded), endpointId -> Integer.MAX_VALUE);
  }
}
