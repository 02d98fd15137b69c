package app.smartcomply.webhooks.delivery.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the throttled attempts of deliveries: a 429 from a rate-limited endpoint is logged as an
 * attempt like any other ({@code attempt_count} goes up, the attempt row is written), and also
 * counted in {@code throttled_count}, so that the retry schedule — which goes by {@code
 * attempt_count - throttled_count} — is not moved along by the receiver asking to slow down.
 */
final class ThrottledAttempts {

    private ThrottledAttempts() {}

    /**
     * Adds one to {@code throttled_count} of each throttled outcome whose delivery was updated, in
     * the recording's transaction; no statement at all when none was throttled.
     *
     * @param changed per outcome, whether its delivery was updated ({@link DeliverySql#record})
     * @return {@code changed}
     */
    static boolean[] counted(DeliverySql sql, List<AttemptOutcome> outcomes, boolean[] changed) {
        List<String> throttled = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (changed[i] && outcomes.get(i).next().throttled()) {
                throttled.add(outcomes.get(i).delivery().id());
            }
        }
        if (!throttled.isEmpty()) {
            sql.jdbc
                    .sql("UPDATE deliveries SET throttled_count = throttled_count + 1 WHERE id IN (:ids)")
                    .param("ids", throttled)
                    .update();
        }
        return changed;
    }
}
