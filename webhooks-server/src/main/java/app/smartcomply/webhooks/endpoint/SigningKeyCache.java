package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.endpoint.internal.SigningKeyStore;
import app.smartcomply.webhooks.signature.Ed25519SigningKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints' decrypted {@code v1a} keys as the sender needs them on every attempt, read from the
 * store at most once per {@link #FRESH_FOR_MS} per endpoint (an endpoint without keys too).
 *
 * <p>Why a memory: every attempt signs, thousands a second, and the engine's batch read of
 * secrets is not this feature's to change. Changes made on this node are seen at once ({@link
 * #forget}); another node's within {@link #FRESH_FOR_MS}. That delay is harmless: a rotation keeps
 * the previous key signing for its grace period, and expiries are applied at signing time from the
 * remembered {@code expires_at}, so a key never signs past its expiry. Bounded: past {@link
 * #MAX_ENDPOINTS} the memory is dropped and refilled.
 */
final class SigningKeyCache {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SigningKeyCache.class);

    static final long FRESH_FOR_MS = 5_000;
    static final int MAX_ENDPOINTS = 10_000;

    private record Key(Ed25519SigningKey key, Long expiresAt) {}

    private record Entry(long loadedAt, List<Key> keys) {}

    private final SigningKeyStore store;
    private final SecretCipher cipher;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> byEndpoint = new ConcurrentHashMap<>();

    SigningKeyCache(SigningKeyStore store, SecretCipher cipher, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The endpoint's keys live now, oldest first; empty if it has not opted in. */
    List<Ed25519SigningKey> live(String endpointId) {
        long now = clock.millis();
        Entry entry = byEndpoint.get(endpointId);
        if (entry == null || now - entry.loadedAt() >= FRESH_FOR_MS || now < entry.loadedAt()) {
            try {
                entry = load(endpointId, now);
            } catch (RuntimeException e) {
                if (entry == null) {
                    throw e;
                }
                // The store is briefly unreachable: keep signing with what was read last (expiries still
                // apply below) rather than fail an attempt that the HMAC alone could carry.
                log.warn(
                        "Reading the signing keys of endpoint {} failed, using those read before: {}",
                        endpointId,
                        e.getMessage());
            }
        }
        List<Ed25519SigningKey> live = new ArrayList<>(entry.keys().size());
        for (Key key : entry.keys()) {
            if (key.expiresAt() == null || key.expiresAt() > now) {
                live.add(key.key());
            }
        }
        return live;
    }

    /** Drops what is remembered of the endpoint: its keys just changed. */
    void forget(String endpointId) {
        byEndpoint.remove(endpointId);
    }

    private Entry load(String endpointId, long now) {
        List<Key> keys = new ArrayList<>();
        for (SigningKeyStore.Row row : store.live(List.of(endpointId), now)) {
            keys.add(new Key(
                    Ed25519SigningKey.fromEncoded(cipher.decrypt(endpointId, row.privateKey())), row.expiresAt()));
        }
        Entry entry = new Entry(now, List.copyOf(keys));
        if (byEndpoint.size() >= MAX_ENDPOINTS) {
            byEndpoint.clear();
        }
        byEndpoint.put(endpointId, entry);
        return entry;
    }
}
