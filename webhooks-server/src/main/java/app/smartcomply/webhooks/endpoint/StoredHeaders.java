package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stored form of an endpoint's custom headers: the names in clear ({@code custom_header_names},
 * comma-separated — for reads, which show names only), and the headers encrypted with the signing
 * secrets' cipher ({@code custom_headers}): one {@code name: value} line each, which {@link
 * CustomHeaderRules} makes unambiguous (no CR or LF in a value, no colon in a name). The
 * ciphertext is bound to the endpoint and to this purpose, so it decrypts neither in another
 * endpoint's row nor as a signing secret.
 */
final class StoredHeaders {

    private StoredHeaders() {}

    /** The names column: null for none. */
    static String names(List<CustomHeader> headers) {
        return headers.isEmpty()
                ? null
                : String.join(",", headers.stream().map(CustomHeader::name).toList());
    }

    /** The names as read back. */
    static List<String> names(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.copyOf(Arrays.asList(stored.split(",")));
    }

    /** The encrypted column: null for none. */
    static String seal(SecretCipher cipher, String endpointId, List<CustomHeader> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        StringBuilder plain = new StringBuilder();
        for (CustomHeader header : headers) {
            plain.append(header.name()).append(": ").append(header.value()).append('\n');
        }
        return cipher.encrypt(associatedData(endpointId), plain.toString());
    }

    /** The headers of a sealed column (null: none). */
    static List<CustomHeader> open(SecretCipher cipher, String endpointId, String sealed) {
        if (sealed == null) {
            return List.of();
        }
        List<CustomHeader> headers = new ArrayList<>();
        for (String line : cipher.decrypt(associatedData(endpointId), sealed).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.add(new CustomHeader(line.substring(0, colon), line.substring(colon + 2)));
            }
        }
        return List.copyOf(headers);
    }

    private static String associatedData(String endpointId) {
        return endpointId + "#custom-headers";
    }
}
