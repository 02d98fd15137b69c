package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.account.ApiKeyMode;
import java.util.List;

/**
 * One conformance check of an endpoint, as stored: {@code running} while its requests are sent,
 * {@code completed} once every case is graded. Cases appear in order as they are graded. Times are
 * epoch milliseconds.
 */
public record EndpointCheck(
        String id,
        String accountId,
        ApiKeyMode mode,
        String endpointId,
        String status,
        long startedAt,
        Long completedAt,
        List<CaseResult> cases) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";

    /** Whether every case passed (false while running). */
    public boolean allPassed() {
        return COMPLETED.equals(status) && !cases.isEmpty() && cases.stream().allMatch(CaseResult::passed);
    }
}
