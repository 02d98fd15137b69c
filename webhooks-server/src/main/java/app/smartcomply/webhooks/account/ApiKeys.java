package app.smartcomply.webhooks.account;

import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life cycle of an account's API keys: create (shown once), list, revoke, and roll — a new key
 * with the same name, scope and mode, while the old one keeps working for a grace period so the
 * new one can be deployed. Every operation is on one account's keys; another account's key id
 * answers like a missing one.
 *
 * <p>A revoked or expired key stops authenticating on every node at once: nothing about keys is
 * cached, {@link Authenticator} reads the row on every request.
 */
@Service
public class ApiKeys {

    /** The longest an old key may keep working after a roll. */
    public static final Duration MAX_ROLL_GRACE = Duration.ofDays(7);
    /** How long an old key keeps working after a roll when the caller does not say. */
    public static final Duration DEFAULT_ROLL_GRACE = Duration.ofHours(24);

    public static final int MAX_NAME_LENGTH = 100;
    /** Lists are not paged: an account has a handful of keys; this only bounds a pathological one. */
    public static final int MAX_LISTED = 500;

    private final ApiKeyStore store;
    private final AccountService accounts;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;

    ApiKeys(ApiKeyStore store, AccountService accounts, TransactionTemplate tx, Clock clock, AuditLog audit) {
        this.store = store;
        this.accounts = accounts;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
    }

    /** What a new key should be. {@code name} may be null. */
    public record NewKey(String name, ApiKeyScope scope, ApiKeyMode mode) {
        public static NewKey defaults() {
            return new NewKey(null, ApiKeyScope.FULL, ApiKeyMode.LIVE);
        }
    }

    /** The result of a roll: the replacement (shown once) and the old key with its expiry. */
    public record Rolled(IssuedKey replacement, ApiKey previous) {}

    /** The account's keys, newest first, revoked and expired ones included. */
    public List<ApiKey> list(String accountId) {
        requireAccount(accountId);
        return store.list(accountId, MAX_LISTED);
    }

    public ApiKey get(String accountId, String keyId) {
        return store.find(accountId, keyId).orElseThrow(() -> new NotFoundException("API key", keyId, "key_id"));
    }

    /** Creates a key; the returned object holds the only copy of it. Audited ({@code api_key.created}). */
    public IssuedKey create(String accountId, NewKey spec, AuditContext context) {
        requireAccount(accountId);
        return tx.execute(status -> {
            IssuedKey issued = store.insert(accountId, spec.name(), spec.scope(), spec.mode(), clock.millis());
            audit.record(
                    accountId,
                    context,
                    AuditAction.API_KEY_CREATED,
                    AuditTarget.apiKey(issued.key().id()),
                    List.of(
                            new AuditChange("name", null, spec.name()),
                            new AuditChange("scope", null, spec.scope().wire()),
                            new AuditChange("mode", null, spec.mode().wire())));
            return issued;
        });
    }

    /**
     * Revokes the key: it stops authenticating at once and the dashboard sessions it opened end.
     * Revoking a revoked key changes nothing (and is not audited again).
     */
    public ApiKey revoke(String accountId, String keyId, AuditContext context) {
        return tx.execute(status -> {
            if (get(accountId, keyId).revokedAt() == null) {
                audit.record(accountId, context, AuditAction.API_KEY_REVOKED, AuditTarget.apiKey(keyId), List.of());
            }
            store.revoke(keyId, clock.millis());
            return get(accountId, keyId);
        });
    }

    /**
     * Replaces a working key: the new key (same name, scope and mode) works at once, the old one for
     * {@code grace} more, then stops.
     *
     * @throws ConflictException {@code api_key_revoked} or {@code api_key_expired} if the key no longer works
     */
    public Rolled roll(String accountId, String keyId, Duration grace, AuditContext context) {
        if (grace.isNegative() || grace.compareTo(MAX_ROLL_GRACE) > 0) {
            throw new InvalidInputException(
                    "invalid_expires_in",
                    "expires_in",
                    "expires_in must be between 0 and " + MAX_ROLL_GRACE.toSeconds() + " seconds (7 days).");
        }
        return tx.execute(status -> {
            ApiKey old = get(accountId, keyId);
            long now = clock.millis();
            if (old.revokedAt() != null) {
                throw new ConflictException(
                        "api_key_revoked", "key_id", "This key is revoked; create a new key instead.");
            }
            if (!old.activeAt(now)) {
                throw new ConflictException(
                        "api_key_expired", "key_id", "This key has expired; create a new key instead.");
            }
            IssuedKey replacement = store.insert(accountId, old.name(), old.scope(), old.mode(), now);
            store.expire(keyId, now + grace.toMillis());
            audit.record(
                    accountId,
                    context,
                    AuditAction.API_KEY_ROLLED,
                    AuditTarget.apiKey(keyId),
                    List.of(
                            new AuditChange(
                                    "replaced_by", null, replacement.key().id()),
                            new AuditChange("expires_in_seconds", null, Long.toString(grace.toSeconds()))));
            return new Rolled(replacement, get(accountId, keyId));
        });
    }

    /**
     * A key name as a person typed it: trimmed, empty meaning none, at most {@link
     * #MAX_NAME_LENGTH} characters and no control characters.
     */
    public static String validName(String raw, String param) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.strip();
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(
                    "invalid_name",
                    param,
                    param + " must be at most " + MAX_NAME_LENGTH + " characters, without line breaks.");
        }
        return name;
    }

    private void requireAccount(String accountId) {
        if (accounts.find(accountId).isEmpty()) {
            throw new NotFoundException("account", accountId, "id");
        }
    }
}
