package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.endpoint.internal.SigningKeyStore;
import app.smartcomply.webhooks.signature.Ed25519SigningKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Endpoints' decrypted {@code v1a} keys as the sender needs them on every attempt, read from the
 * store at most once per {@link #FRESH_FOR_MS} per endpoint (an endpoint without keys too).
 *
 * <p>Why a memory: every attempt signs, thousands a second. The keys are read where the engine
 * reads a batch's signing secrets ({@link EndpointsForDelivery#signingSecrets(Collection)} calls
 * {@link #refresh}), on the engine's own thread and in one query for the whole batch — not by each
 * attempt: attempts run on virtual threads, where a read would take a pooled connection per attempt
 * (a burst of them can exhaust the pool, and an attempt that cannot read its keys goes without
 * {@code v1a}) and, on SQLite, would block a carrier thread in native code.
 *
 * <p>Changes made on this node are seen at once ({@link #forget}); another node's within {@link
 * #FRESH_FOR_MS}. That delay is harmless: a rotation keeps the previous key signing for its grace
 * period, and expiries are applied at signing time from the remembered {@code expires_at}, so a key
 * never signs past its expiry. Bounded: past {@link #MAX_ENDPOINTS} the memory is dropped and
 * refilled.
 */
@Component
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

    SigningKeyCache(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.store = new SigningKeyStore(jdbc);
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Reads, in one query, the keys of those endpoints that are not remembered or were read more
     * than {@link #FRESH_FOR_MS} ago, so that their attempts' {@link #live} finds them in memory.
     * Runs on the caller's thread; a failed read throws, like the read of secrets it goes with.
     */
    void refresh(Collection<String> endpointIds) {
        long now = clock.millis();
        List<String> stale = new ArrayList<>();
        for (String endpointId : endpointIds) {
            if (!fresh(byEndpoint.get(endpointId), now)) {
                stale.add(endpointId);
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        Map<String, List<Key>> keys = new HashMap<>();
        for (SigningKeyStore.Row row : store.live(stale, now)) {
            keys.computeIfAbsent(row.endpointId(), id -> new ArrayList<>()).add(decrypted(row));
        }
        for (String endpointId : stale) {
            remember(endpointId, new Entry(now, List.copyOf(keys.getOrDefault(endpointId, List.of()))));
        }
    }

    /**
     * The endpoint's keys live now, oldest first; empty if it has not opted in. From memory when
     * {@link #refresh} (or an earlier call) read them less than {@link #FRESH_FOR_MS} ago, else read
     * from the store now.
     */
    List<Ed25519SigningKey> live(String endpointId) {
        long now = clock.millis();
        Entry entry = byEndpoint.get(endpointId);
        if (!fresh(entry, now)) {
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

    private static boolean fresh(Entry entry, long now) {
        return entry != null && now - entry.loadedAt() < FRESH_FOR_MS && now >= entry.loadedAt();
    }

    private Entry load(String endpointId, long now) {
        List<Key> keys = new ArrayList<>();
        for (SigningKeyStore.Row row : store.live(List.of(endpointId), now)) {
            keys.add(decrypted(row));
        }
        return remember(endpointId, new Entry(now, List.copyOf(keys)));
    }

    private Key decrypted(SigningKeyStore.Row row) {
        return new Key(
                Ed25519SigningKey.fromEncoded(cipher.decrypt(row.endpointId(), row.privateKey())), row.expiresAt());
    }

    private Entry remember(String endpointId, Entry entry) {
        if (byEndpoint.size() >= MAX_ENDPOINTS) {
            byEndpoint.clear();
        }
        byEndpoint.put(endpointId, entry);
        return entry;
    }
}
