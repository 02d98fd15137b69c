package app.smartcomply.webhooks.delivery;

import java.util.List;

/**
 * Hears, once per recorded group of attempts, how each endpoint fared and which deliveries reached
 * the dead letter — for whoever tells people about failing endpoints. Called on the recording
 * thread inside the recording transaction, after the endpoints' failure records, any automatic
 * disabling and the deliveries' new states are written: what a listener writes commits with them,
 * and what it must do only once they are committed it defers (see {@code AfterCommit}). It sits on
 * the hot path of every delivery, so it must be cheap when nothing changes.
 */
public interface EndpointHealthListener {

    /**
     * @param endpoints how each endpoint of the group fared, in endpoint id order
     * @param deadLettered the deliveries of the group that reached the dead letter ({@code failed})
     * @param at the time of the recording
     */
    void recorded(List<EndpointOutcome> endpoints, List<DeadLetter> deadLettered, long at);

    /**
     * @param succeeded whether any of the endpoint's attempts in the group succeeded
     * @param failingSince when its current run of failures began; null after a success
     * @param lastError what went wrong with its last failed attempt ("HTTP 500", "Connection refused");
     *     null after a success
     */
    record EndpointOutcome(String endpointId, boolean succeeded, Long failingSince, String lastError) {}

    /**
     * A delivery that used up its attempts (or met a 410 Gone).
     *
     * @param attempts how many attempts it had, this last one included
     * @param lastError what went wrong with the last attempt
     */
    record DeadLetter(
            String deliveryId,
            String accountId,
            String eventId,
            String eventType,
            String endpointId,
            String url,
            int attempts,
            String lastError) {}
}
