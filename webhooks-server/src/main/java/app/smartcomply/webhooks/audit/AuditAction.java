package app.smartcomply.webhooks.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every kind of change the audit log records — a closed list, named on the wire as {@link #wire()}. */
public enum AuditAction {
    ENDPOINT_CREATED("endpoint.created"),
    ENDPOINT_UPDATED("endpoint.updated"),
    ENDPOINT_ENABLED("endpoint.enabled"),
    ENDPOINT_DISABLED("endpoint.disabled"),
    ENDPOINT_DELETED("endpoint.deleted"),
    ENDPOINT_SECRET_ROTATED("endpoint.secret_rotated"),
    ENDPOINT_TEST_SENT("endpoint.test_sent"),
    ENDPOINT_RECOVERY_STARTED("endpoint.recovery_started"),
    ENDPOINT_REPLAY_STARTED("endpoint.replay_started"),
    ENDPOINT_SIGNING_KEY_ROTATED("endpoint.signing_key_rotated"),
    ENDPOINT_CHECK_STARTED("endpoint.check_started"),
    LISTEN_SESSION_OPENED("listen_session.opened"),
    LISTEN_SESSION_REMOVED("listen_session.removed"),
    EVENT_TRIGGERED("event.triggered"),
    DELIVERY_RETRIED("delivery.retried"),
    EVENT_REPLAYED("event.replayed"),
    API_KEY_CREATED("api_key.created"),
    API_KEY_ROLLED("api_key.rolled"),
    API_KEY_REVOKED("api_key.revoked"),
    ADMIN_KEY_ROTATED("admin_key.rotated"),
    ACCOUNT_UPDATED("account.updated"),
    DASHBOARD_SIGN_IN_LINK_CREATED("dashboard.sign_in_link_created");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<AuditAction> fromWire(String value) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(value)).findFirst();
    }

    /** Every wire name, in declaration order (for the API reference and the dashboard's filter). */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(AuditAction::wire).toList();
    }
}
