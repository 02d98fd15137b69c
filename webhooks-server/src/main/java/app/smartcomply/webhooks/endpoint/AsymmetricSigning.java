package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.endpoint.internal.SigningKeyStore;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.signature.Ed25519SigningKey;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.store.AfterCommit;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Standard Webhooks asymmetric signatures ({@code v1a}, Ed25519) for the endpoints that opt in.
 *
 * <p>An endpoint has opted in while it has a key without an expiry. Switching it on makes a key
 * (private half encrypted like a signing secret, bound to the endpoint); switching it off expires
 * every key at once. {@link #rotate} works like a secret rotation: the previous keys keep signing
 * until the grace period ends, so each delivery carries a {@code v1a} entry per live key, oldest
 * first. All keys of an endpoint, past and future, belong to one key set whose unguessable id
 * names its public JWKS.
 */
@Service
public class AsymmetricSigning {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AsymmetricSigning.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeyStore store;
    private final SigningKeyCache cache;
    private final SecretCipher cipher;
    private final PrefixedIds ids;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final EndpointService endpoints;
    private final AuditLog audit;

    AsymmetricSigning(
            JdbcClient jdbc,
            SigningKeyCache cache,
            SecretCipher cipher,
            PrefixedIds ids,
            Clock clock,
            TransactionTemplate tx,
            EndpointService endpoints,
            AuditLog audit) {
        this.store = new SigningKeyStore(jdbc);
        this.cache = cache;
        this.cipher = cipher;
        this.ids = ids;
        this.clock = clock;
        this.tx = tx;
        this.endpoints = endpoints;
        this.audit = audit;
    }

    /**
     * Switches {@code v1a} signing on or off for an endpoint the caller has already found; joins
     * the caller's transaction. On: a new key unless it has a current one. Off: every key expires
     * now. @return true if something changed
     */
    boolean set(String endpointId, boolean on) {
        long now = clock.millis();
        boolean changed;
        if (on) {
            changed = store.live(List.of(endpointId), now).stream().noneMatch(row -> row.expiresAt() == null);
            if (changed) {
                addKey(endpointId, now);
            }
        } else {
            changed = store.expireLive(endpointId, now) > 0;
        }
        AfterCommit.run(() -> cache.forget(endpointId));
        return changed;
    }

    /**
     * Starts signing with a new key; the current ones keep signing until {@code now + gracePeriod}
     * (zero retires them at once). Audited.
     *
     * @throws ConflictException {@code asymmetric_signing_disabled} if the endpoint has not opted in
     */
    public RotatedSigningKey rotate(
            String accountId, ApiKeyMode mode, String endpointId, Duration gracePeriod, AuditContext context) {
        if (gracePeriod.isNegative() || gracePeriod.compareTo(EndpointService.MAX_GRACE_PERIOD) > 0) {
            throw new InvalidInputException(
                    "invalid_grace_period",
                    "grace_period_seconds",
                    "grace_period_seconds must be between 0 and " + EndpointService.MAX_GRACE_PERIOD.toSeconds()
                            + " (7 days).");
        }
        return tx.execute(status -> {
            Endpoint endpoint = endpoints.get(accountId, mode, endpointId);
            if (endpoint.signingKey() == null) {
                throw new ConflictException(
                        "asymmetric_signing_disabled",
                        "asymmetric_signing",
                        "This endpoint does not sign with a key pair. Set \"asymmetric_signing\": true first.");
            }
            long now = clock.millis();
            long expiresAt = now + gracePeriod.toMillis();
            store.expireLive(endpointId, expiresAt);
            Ed25519SigningKey key = addKey(endpointId, now + 1); // after the previous ones: listed last
            // Its own action, like a secret rotation: the audit log is searched by action, and a rotation
            // is what an incident review looks for (the public half only, never the private key).
            audit.record(
                    accountId,
                    context,
                    AuditAction.ENDPOINT_SIGNING_KEY_ROTATED,
                    AuditTarget.endpoint(endpointId),
                    List.of(AuditChange.named("signing_key")));
            AfterCommit.run(() -> cache.forget(endpointId));
            return new RotatedSigningKey(endpointId, key.publicKey(), expiresAt);
        });
    }

    /**
     * The {@code v1a,<base64>} entries for one attempt to the endpoint, space-separated, oldest key
     * first — or the empty string if it has not opted in. Signs the same content as the {@code v1}
     * entries: {@code "<messageId>.<timestamp>." + body}.
     */
    public String v1aEntries(String endpointId, String messageId, long timestampSeconds, byte[] body) {
        List<Ed25519SigningKey> keys;
        try {
            keys = cache.live(endpointId);
        } catch (RuntimeException e) {
            // Not in memory (the engine's batch read refreshes it) and the store unreachable: this attempt
            // goes with its v1 entries alone (a receiver that checks v1a refuses it, and it is retried)
            // instead of failing inside the engine.
            log.warn("Signing keys of endpoint {} unreadable; sending without v1a: {}", endpointId, e.getMessage());
            return "";
        }
        return keys.isEmpty()
                ? ""
                : WebhookSigner.standardWebhooksAsymmetricSignature(messageId, timestampSeconds, body, keys);
    }

    /** The live public keys of the key set, oldest first; empty if there is no such set (or endpoint). */
    public List<PublishedKey> keySet(String jwksId) {
        return store.liveInSet(jwksId, clock.millis()).stream()
                .map(row -> new PublishedKey(row.id(), row.publicKey(), row.createdAt(), row.expiresAt()))
                .toList();
    }

    /** A live public key as a JWKS publishes it. @param expiresAt null while it is current */
    public record PublishedKey(String keyId, String publicKey, long createdAt, Long expiresAt) {}

    private Ed25519SigningKey addKey(String endpointId, long createdAt) {
        Ed25519SigningKey key = Ed25519SigningKey.generate();
        String jwksId = store.jwksIdOf(endpointId).orElseGet(AsymmetricSigning::newJwksId);
        store.insert(new SigningKeyStore.Row(
                ids.next("whk_"),
                endpointId,
                jwksId,
                cipher.encrypt(endpointId, key.encoded()),
                key.publicKey(),
                createdAt,
                null));
        return key;
    }

    /** 128 random bits: the key set's public URL must not be found by guessing or counting. */
    private static String newJwksId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "jwks_" + HexFormat.of().formatHex(bytes);
    }
}
