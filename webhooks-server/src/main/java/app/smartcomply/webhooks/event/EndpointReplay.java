package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.ApiKeyMode;
import java.util.List;

/**
 * A replay of a window of past events to one endpoint, as a job: every event of the endpoint's
 * account and mode published in {@code [since, until)} whose type it matches gets a new delivery
 * to it, in order of publication.
 *
 * @param types the types replayed: those asked for, or the endpoint's subscription ({@code ["*"]}:
 *     every type but the service's own {@code webhook.*} messages)
 * @param status {@link #RUNNING}, {@link #COMPLETED} or {@link #FAILED}
 * @param total the matching events when the replay started
 * @param created deliveries created so far (less than total if the purge took events meanwhile)
 * @param error why it failed (the endpoint was disabled meanwhile, say), or null
 */
public record EndpointReplay(
        String id,
        String accountId,
        ApiKeyMode mode,
        String endpointId,
        long since,
        long until,
        List<String> types,
        String status,
        int total,
        int created,
        String error,
        long createdAt,
        Long completedAt) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
}
