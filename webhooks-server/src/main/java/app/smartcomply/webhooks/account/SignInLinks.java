package app.smartcomply.webhooks.account;

import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.store.ServiceKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time dashboard sign-in links the platform hands its users, so nobody pastes an API key.
 *
 * <p>A link carries 256 random bits; the table {@code dashboard_sign_in_links} keeps only an HMAC
 * of it under a key derived from the service's encryption key (purpose {@value #PURPOSE}), so the
 * database alone opens nothing. A link works once, within {@link #LIFETIME} of its creation
 * (service clock): redeeming it marks it used and opens a dashboard session bound to no API key
 * ({@code via = platform}) with the link's scope, mode and return address.
 */
@Component
public class SignInLinks {

    public static final Duration LIFETIME = Duration.ofMinutes(5);
    static final String PURPOSE = "dashboard-sign-in-links/v1";

    private static final String VERSION = "l1.";
    private static final Pattern SHAPE = Pattern.compile("l1\\.[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AccountService accounts;
    private final SessionTokens sessions;
    private final AuditLog audit;
    private final SecretKeySpec linkKey;
    private final Clock clock;

    SignInLinks(
            JdbcClient jdbc,
            TransactionTemplate tx,
            AccountService accounts,
            SessionTokens sessions,
            AuditLog audit,
            ServiceKeys serviceKeys,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.linkKey = new SecretKeySpec(serviceKeys.derive(PURPOSE), "HmacSHA256");
        this.clock = clock;
    }

    /** A new link's token (the only copy) and when it stops working. */
    public record Link(String token, long expiresAt) {
        @Override
        public String toString() {
            return "Link[…]";
        }
    }

    /** What opening a link came to: a session, or why not. */
    public enum Outcome {
        SIGNED_IN,
        ALREADY_USED,
        EXPIRED,
        UNKNOWN
    }

    public record Redemption(Outcome outcome, SessionTokens.Issued issued) {}

    /**
     * Makes a link into the account's dashboard; audited ({@code dashboard.sign_in_link_created}).
     *
     * @param returnUrl where the dashboard's Back link leads, already validated; may be null
     * @throws NotFoundException if there is no such account
     */
    public Link create(String accountId, ApiKeyMode mode, boolean readOnly, String returnUrl, AuditContext context) {
        if (accounts.find(accountId).isEmpty()) {
            throw new NotFoundException("account", accountId, "id");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiKeyScope scope = readOnly ? ApiKeyScope.READ_ONLY : ApiKeyScope.FULL;
        return tx.execute(status -> {
            long now = clock.millis();
            // Links that ran out a day ago are forgotten; until then a late click still says "expired".
            jdbc.sql("DELETE FROM dashboard_sign_in_links WHERE expires_at < ?")
                    .param(now - Duration.ofDays(1).toMillis())
                    .update();
            long expiresAt = now + LIFETIME.toMillis();
            jdbc.sql("INSERT INTO dashboard_sign_in_links (token_mac, account_id, scope, mode, return_url, created_at,"
                            + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(mac(token), accountId, scope.wire(), mode.wire(), returnUrl, now, expiresAt)
                    .update();
            audit.record(
                    accountId,
                    context,
                    AuditAction.DASHBOARD_SIGN_IN_LINK_CREATED,
                    new AuditTarget("account", accountId),
                    List.of(new AuditChange("mode", null, mode.wire()), new AuditChange("scope", null, scope.wire())));
            return new Link(token, expiresAt);
        });
    }

    /** Uses the link up, if it still works, and opens its session — both or neither. */
    public Redemption redeem(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return new Redemption(Outcome.UNKNOWN, null);
        }
        String mac = mac(token);
        return tx.execute(status -> {
            record Row(String accountId, String scope, String mode, String returnUrl, long expiresAt, boolean used) {}
            var row = jdbc.sql("SELECT account_id, scope, mode, return_url, expires_at, used_at IS NOT NULL"
                            + " FROM dashboard_sign_in_links WHERE token_mac = ?")
                    .param(mac)
                    .query((rs, n) -> new Row(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getBoolean(6)))
                    .optional();
            long now = clock.millis();
            if (row.isEmpty()) {
                return new Redemption(Outcome.UNKNOWN, null);
            }
            if (row.get().used()) {
                return new Redemption(Outcome.ALREADY_USED, null);
            }
            if (row.get().expiresAt() <= now) {
                return new Redemption(Outcome.EXPIRED, null);
            }
            // Only one of two simultaneous clicks gets past this: the other finds it used.
            int taken = jdbc.sql(
                            "UPDATE dashboard_sign_in_links SET used_at = ? WHERE token_mac = ? AND used_at IS NULL")
                    .params(now, mac)
                    .update();
            if (taken != 1) {
                return new Redemption(Outcome.ALREADY_USED, null);
            }
            Row link = row.get();
            return new Redemption(
                    Outcome.SIGNED_IN,
                    sessions.open(
                            link.accountId(),
                            null,
                            ApiKeyScope.fromStored(link.scope()),
                            ApiKeyMode.fromStored(link.mode()),
                            link.returnUrl()));
        });
    }

    private String mac(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(linkKey);
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
