package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The custom headers an attempt carries, decrypted once per stored form.
 *
 * <p>The engine reads the stored headers with each claimed batch's signing secrets ({@link
 * EndpointsForDelivery#signingSecrets(java.util.Collection)} hands them to {@link #remember}), so a
 * change is seen by the very next claim, on every node, exactly as a rotated secret is — and the
 * attempt itself runs no query. An endpoint not remembered (past {@link #MAX_ENTRIES} the memory
 * is dropped and refilled) is read from the store. The values live only in this process's memory,
 * as signing secrets do.
 */
@Service
public class DeliveryHeaders {

    static final int MAX_ENTRIES = 10_000;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final ConcurrentHashMap<String, Known> byEndpoint = new ConcurrentHashMap<>();

    private record Known(String sealed, List<CustomHeader> headers) {}

    DeliveryHeaders(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** The endpoint's custom headers with their values, in the order saved; empty for none. */
    public List<CustomHeader> forDelivery(String endpointId) {
        Known known = byEndpoint.get(endpointId);
        if (known != null) {
            return known.headers();
        }
        List<String> sealed = jdbc.sql("SELECT custom_headers FROM endpoints WHERE id = ?")
                .param(endpointId)
                .query((rs, n) -> rs.getString(1))
                .list();
        return remember(endpointId, sealed.isEmpty() ? null : sealed.getFirst());
    }

    /** Notes the endpoint's stored headers as just read; decrypts them only if they changed. */
    List<CustomHeader> remember(String endpointId, String sealed) {
        Known known = byEndpoint.get(endpointId);
        if (known != null && Objects.equals(known.sealed(), sealed)) {
            return known.headers();
        }
        Known fresh = new Known(sealed, StoredHeaders.open(cipher, endpointId, sealed));
        if (byEndpoint.size() >= MAX_ENTRIES) {
            byEndpoint.clear();
        }
        byEndpoint.put(endpointId, fresh);
        return fresh.headers();
    }
}
