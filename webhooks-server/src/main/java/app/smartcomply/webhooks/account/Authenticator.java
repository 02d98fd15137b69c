package app.smartcomply.webhooks.account;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Turns a bearer token into a {@link Caller}: the admin key means the platform, a working {@code
 * sc_live_} or {@code sc_test_} key means its account. Anything else is nobody — and a key that
 * was revoked or has expired is told apart, so its holder learns why.
 *
 * <p>Nothing is cached: every request reads the key's row by its hash (one indexed lookup), so a
 * revocation on any node takes effect on every node with its commit. Use is recorded at most once
 * a minute per key: a write happens only when the row's {@code last_used_at} is older than the
 * current minute.
 */
@Component
public class Authenticator {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    private static final long MINUTE = 60_000;

    private final ApiKeyStore keys;
    private final AdminKey adminKey;
    private final Clock clock;

    Authenticator(ApiKeyStore keys, AdminKey adminKey, Clock clock) {
        this.keys = keys;
        this.adminKey = adminKey;
        this.clock = clock;
    }

    /** Why a token proves nothing. */
    public enum Refusal {
        /** Not a key we know, or malformed. */
        UNKNOWN,
        /** A key its account revoked. */
        REVOKED,
        /** A rolled key whose grace period is over. */
        EXPIRED
    }

    /** Either a caller or the reason there is none. */
    public record Outcome(Caller caller, Refusal refusal) {
        static Outcome of(Caller caller) {
            return new Outcome(caller, null);
        }

        static Outcome refused(Refusal refusal) {
            return new Outcome(null, refusal);
        }
    }

    /** The caller the token proves, or empty if it proves nothing. Never logs the token. */
    public Optional<Caller> authenticate(String bearerToken) {
        return Optional.ofNullable(check(bearerToken).caller());
    }

    /** Like {@link #authenticate}, saying why a token is refused. Never logs the token. */
    public Outcome check(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank() || bearerToken.length() > 200) {
            return Outcome.refused(Refusal.UNKNOWN);
        }
        if (ApiKeyMode.isAccountKey(bearerToken)) {
            return keys.byHash(ApiKeyHasher.hash(bearerToken))
                    .map(this::accountKey)
                    .orElse(Outcome.refused(Refusal.UNKNOWN));
        }
        return adminKey.matches(bearerToken) ? Outcome.of(new Caller.Platform()) : Outcome.refused(Refusal.UNKNOWN);
    }

    private Outcome accountKey(ApiKey key) {
        long now = clock.millis();
        if (key.revokedAt() != null) {
            return Outcome.refused(Refusal.REVOKED);
        }
        if (!key.activeAt(now)) {
            return Outcome.refused(Refusal.EXPIRED);
        }
        recordUse(key, now);
        return Outcome.of(new Caller.Customer(key.accountId(), key.id(), key.scope(), key.mode(), key.description()));
    }

    /** Also used by dashboard sign-in, which is a use of the key too. */
    void recordUse(ApiKey key, long now) {
        long minute = now - Math.floorMod(now, MINUTE);
        if (key.lastUsedAt() != null && key.lastUsedAt() >= minute) {
            return;
        }
        try {
            keys.recordUse(key.id(), minute);
        } catch (DataAccessException e) {
            // A busy store must not fail the request: the minute is recorded by the next one.
            log.debug("Could not record the use of API key {}: {}", key.id(), e.getMessage());
        }
    }
}
