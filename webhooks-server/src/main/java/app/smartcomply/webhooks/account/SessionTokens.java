package app.smartcomply.webhooks.account;

import app.smartcomply.webhooks.store.ServiceKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sign-in sessions for people (the dashboard), traded for an account API key.
 *
 * <p>A session is a row in {@code dashboard_sessions}; the browser holds its token, {@code v2.} and
 * 256 random bits. The row is found by an HMAC of the token under a key derived from the service's
 * encryption key ({@link ServiceKeys}, purpose {@value #PURPOSE}) and the form (CSRF) token is
 * another HMAC of it, so:
 *
 * <ul>
 *   <li>the database alone — a backup, a read-only replica, a leaked dump — opens no session: it
 *       holds neither the tokens nor the key that maps them to rows;
 *   <li>each sign-in makes a new session, and signing out deletes it: a copied cookie stops
 *       working;
 *   <li>a session opened with a key belongs to it: revoking that key, or the end of its
 *       grace period after a roll, ends the session on every node with the next request (checks
 *       read the key's row, nothing is cached);
 *   <li>a session the platform opened through a one-time link ({@link SignInLinks}, {@code via =
 *       platform}) belongs to no key: it carries its own scope and mode, and ends when its holder
 *       signs out or its lifetime runs out — revoking the account's keys does not end it;
 *   <li>a session ends {@link #lifetime} after sign-in, whatever the user does meanwhile.
 * </ul>
 */
@Component
public class SessionTokens {

    static final String PURPOSE = "dashboard-sessions/v1";
    private static final String VERSION = "v2.";
    private static final Pattern SHAPE = Pattern.compile("v2\\.[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final JdbcClient jdbc;
    private final ApiKeyStore keys;
    private final Authenticator authenticator;
    private final SecretKeySpec sessionKey;
    private final Clock clock;
    private final Duration lifetime;

    SessionTokens(
            JdbcClient jdbc,
            ApiKeyStore keys,
            Authenticator authenticator,
            ServiceKeys serviceKeys,
            Clock clock,
            @Value("${webhooks.dashboard.session-lifetime:PT12H}") Duration lifetime) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.authenticator = authenticator;
        this.sessionKey = new SecretKeySpec(serviceKeys.derive(PURPOSE), "HmacSHA256");
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * A signed-in session: whose data it may see, with which key (and so which scope), and its
     * anti-forgery token for forms.
     */
    public record Session(
            String accountId,
            String apiKeyId,
            ApiKeyScope scope,
            ApiKeyMode mode,
            long expiresAt,
            String csrfToken,
            String returnUrl) {

        /** Whether the platform opened this session (no API key behind it). */
        public boolean viaPlatform() {
            return apiKeyId == null;
        }

        @Override
        public String toString() {
            return "Session[" + accountId + "]";
        }
    }

    /** A new token and what it stands for. */
    public record Issued(String token, Session session) {
        @Override
        public String toString() {
            return "Issued[" + session.accountId() + "]";
        }
    }

    /** How long a session lasts from sign-in, whatever the user does meanwhile. */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Opens a new session for the holder of a working account key ({@code sc_live_…} or {@code
     * sc_test_…}). The admin key opens nothing: the dashboard is for customers.
     *
     * @return empty if the key is not a valid, unrevoked, unexpired account key
     */
    public Optional<Issued> signIn(String apiKey) {
        // strip(), not trim(): trim() also drops control characters, so "key<NUL>" would sign in.
        String candidate = apiKey == null ? "" : apiKey.strip();
        if (!ApiKeyMode.isAccountKey(candidate) || candidate.length() > 200) {
            return Optional.empty();
        }
        long now = clock.millis();
        return keys.byHash(ApiKeyHasher.hash(candidate))
                .filter(key -> key.activeAt(now))
                .map(key -> {
                    authenticator.recordUse(key, now);
                    return open(key.accountId(), key.id(), key.scope(), key.mode(), null);
                });
    }

    /**
     * Opens a session: with {@code apiKeyId} null, one the platform granted ({@code via =
     * platform}), which keeps its own scope, mode and return address.
     */
    Issued open(String accountId, String apiKeyId, ApiKeyScope scope, ApiKeyMode mode, String returnUrl) {
        long now = clock.millis();
        // Sessions that ran out are forgotten here, so the table holds only live ones and a few more.
        jdbc.sql("DELETE FROM dashboard_sessions WHERE expires_at <= ?")
                .param(now)
                .update();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = VERSION + BASE64URL.encodeToString(random);
        long expiresAt = now + lifetime.toMillis();
        boolean platform = apiKeyId == null;
        jdbc.sql("INSERT INTO dashboard_sessions (token_mac, account_id, api_key_id, via, scope, mode, return_url,"
                        + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        lookupMac(token),
                        accountId,
                        apiKeyId,
                        platform ? "platform" : "api_key",
                        platform ? scope.wire() : null,
                        platform ? mode.wire() : null,
                        returnUrl,
                        now,
                        expiresAt)
                .update();
        return new Issued(token, new Session(accountId, apiKeyId, scope, mode, expiresAt, csrfToken(token), returnUrl));
    }

    /**
     * @return the session the token stands for, or empty if it is malformed, unknown, signed out,
     *     expired, or its API key has been revoked or has expired
     */
    public Optional<Session> verify(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return jdbc.sql("SELECT s.account_id, s.api_key_id, s.expires_at, COALESCE(s.scope, k.scope),"
                        + " COALESCE(s.mode, k.mode), s.return_url"
                        + " FROM dashboard_sessions s LEFT JOIN api_keys k ON k.id = s.api_key_id"
                        + " WHERE s.token_mac = ? AND s.expires_at > ? AND (s.via = 'platform' OR (k.id IS NOT NULL"
                        + " AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?)))")
                .params(lookupMac(token), now, now)
                .query((rs, n) -> new Session(
                        rs.getString(1),
                        rs.getString(2),
                        ApiKeyScope.fromStored(rs.getString(4)),
                        ApiKeyMode.fromStored(rs.getString(5)),
                        rs.getLong(3),
                        csrfToken(token),
                        rs.getString(6)))
                .optional();
    }

    /** Ends the session the token stands for, if there is one; a copy of the token then opens nothing. */
    public void signOut(String token) {
        if (token != null && SHAPE.matcher(token).matches()) {
            jdbc.sql("DELETE FROM dashboard_sessions WHERE token_mac = ?")
                    .param(lookupMac(token))
                    .update();
        }
    }

    private String lookupMac(String token) {
        return HexFormat.of().formatHex(mac("session." + token));
    }

    /** Derived, not stored: the same session has the same form token on every node. */
    private String csrfToken(String token) {
        return BASE64URL.encodeToString(mac("csrf." + token));
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(sessionKey);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
