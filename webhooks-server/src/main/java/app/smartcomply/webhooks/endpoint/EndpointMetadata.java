package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An endpoint's metadata: the customer's own labels ({@code {"team": "payments"}}), returned on
 * every read and usable as list filters. Kept one row per key in {@code endpoint_metadata}.
 *
 * <p>Rules, checked when saved: at most {@value #MAX_KEYS} keys; a key is 1–{@value #MAX_KEY_LENGTH}
 * characters of letters, digits and {@code _ - . :} (so it reads unambiguously inside {@code
 * metadata[key]}); a value is at most {@value #MAX_VALUE_LENGTH} characters without control
 * characters (the empty string is a value).
 */
final class EndpointMetadata {

    static final int MAX_KEYS = 50;
    static final int MAX_KEY_LENGTH = 40;
    static final int MAX_VALUE_LENGTH = 500;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1," + MAX_KEY_LENGTH + "}");

    private final JdbcClient jdbc;

    EndpointMetadata(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The metadata if it follows the rules, sorted by key. */
    static Map<String, String> validate(Map<String, String> metadata) {
        if (metadata.size() > MAX_KEYS) {
            throw new InvalidInputException(
                    "too_many_metadata_keys",
                    "metadata",
                    "An endpoint can have at most " + MAX_KEYS + " metadata keys.");
        }
        Map<String, String> valid = new TreeMap<>();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = validKey(entry.getKey(), "metadata." + shown(entry.getKey()));
            String value = entry.getValue();
            if (value == null
                    || value.length() > MAX_VALUE_LENGTH
                    || value.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException(
                        "invalid_metadata_value",
                        "metadata." + key,
                        "A metadata value is a string of at most " + MAX_VALUE_LENGTH
                                + " characters, without control characters.");
            }
            valid.put(key, value);
        }
        return valid;
    }

    /** A key as a filter or field names it; {@code param} says where it came from. */
    static String validKey(String key, String param) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInputException(
                    "invalid_metadata_key",
                    param,
                    "A metadata key is 1 to " + MAX_KEY_LENGTH + " letters, digits, or _ - . : characters.");
        }
        return key;
    }

    /** Checks the key of a {@code metadata[key]} list filter. */
    static void checkFilterKey(String key) {
        validKey(key, "metadata[" + shown(key) + "]");
    }

    /** Replaces the endpoint's metadata. */
    void replace(String endpointId, Map<String, String> metadata) {
        jdbc.sql("DELETE FROM endpoint_metadata WHERE endpoint_id = ?")
                .param(endpointId)
                .update();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            jdbc.sql("INSERT INTO endpoint_metadata (endpoint_id, meta_key, meta_value) VALUES (?, ?, ?)")
                    .params(endpointId, entry.getKey(), entry.getValue())
                    .update();
        }
    }

    /** The metadata of several endpoints, by endpoint id, each sorted by key; none: absent. */
    Map<String, Map<String, String>> of(Collection<String> endpointIds) {
        Map<String, Map<String, String>> all = new HashMap<>();
        if (endpointIds.isEmpty()) {
            return all;
        }
        jdbc.sql("SELECT endpoint_id, meta_key, meta_value FROM endpoint_metadata WHERE endpoint_id IN (:ids)")
                .param("ids", List.copyOf(new LinkedHashSet<>(endpointIds)))
                .query((rs, n) -> all.computeIfAbsent(rs.getString(1), id -> new TreeMap<>())
                        .put(rs.getString(2), rs.getString(3)))
                .list();
        return all;
    }

    /** A key that failed the rules, made printable and short for a {@code param}. */
    private static String shown(String key) {
        if (key == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        key.codePoints().limit(MAX_KEY_LENGTH + 20).forEach(c -> out.appendCodePoint(c > 0x20 && c != 0x7F ? c : '?'));
        return out.toString();
    }
}
