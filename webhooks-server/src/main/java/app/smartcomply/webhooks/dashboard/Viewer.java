package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditContext;

/**
 * The signed-in person, as far as the dashboard cares: whose data to show, the account's name for
 * the header, the token every form must send back, the key that signed in (null for a session the
 * platform opened with a sign-in link), whether that session may change anything ({@code
 * readOnly}: every form is refused), the mode of the data it sees ({@code mode}: that mode's
 * endpoints, events and deliveries only, like a key of that mode) and the mode of the session
 * itself ({@code sessionMode}: a live session may switch to viewing test data, a test session never
 * sees live data), where the header's Back link leads ({@code returnUrl}, from the platform's link;
 * null otherwise), and who to name in the audit log for what it changes.
 */
record Viewer(
        String accountId,
        String accountName,
        String csrfToken,
        String apiKeyId,
        boolean readOnly,
        ApiKeyMode mode,
        ApiKeyMode sessionMode,
        String returnUrl,
        AuditContext audit) {

    static final String ATTRIBUTE = Viewer.class.getName();

    /**
     * Seeing test data — signed in with a {@code sc_test_} key, or a live session switched to test
     * data: every page shows test data only, and says so. Public: the templates call it.
     */
    public boolean testMode() {
        return mode == ApiKeyMode.TEST;
    }

    /** Whether the header offers the switch between live and test data: live sessions only. */
    public boolean canSwitchMode() {
        return sessionMode == ApiKeyMode.LIVE;
    }

    @Override
    public String toString() {
        return "Viewer[" + accountId + "]";
    }
}
