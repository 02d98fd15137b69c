package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores header lists as text, one {@code name: value} line per header, in the order sent or
 * received — order and repeated names survive.
 *
 * <p>HTTP forbids CR and LF inside header names and values (HttpClient refuses to send or parse
 * them), so a line break can only ever separate two headers and nothing needs escaping; encoding
 * is a plain concatenation, which matters because it runs twice for every attempt. Rows written
 * by earlier versions hold a JSON array of {@code [name, value]} pairs; {@link #decode} reads both.
 */
final class HeaderCodec {

    private final JsonMapper json;

    HeaderCodec(JsonMapper json) {
        this.json = json;
    }

    /** The stored form of a header list. */
    static String encode(List<Header> headers) {
        StringBuilder out = new StringBuilder(64 * headers.size());
        for (Header header : headers) {
            out.append(oneLine(header.name()))
                    .append(": ")
                    .append(oneLine(header.value()))
                    .append('\n');
        }
        return out.toString();
    }

    /** Defence in depth: a name or value can never break out of its line, whatever a caller passed. */
    private static String oneLine(String value) {
        return value.indexOf('\n') < 0 && value.indexOf('\r') < 0
                ? value
                : value.replace('\r', ' ').replace('\n', ' ');
    }

    List<Header> decode(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        if (stored.charAt(0) == '[') {
            return decodeJson(stored);
        }
        List<Header> headers = new ArrayList<>();
        for (String line : stored.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.add(new Header(line.substring(0, colon), line.substring(colon + 2)));
            }
        }
        return headers;
    }

    private List<Header> decodeJson(String stored) {
        List<Header> headers = new ArrayList<>();
        for (JsonNode pair : json.readTree(stored)) {
            headers.add(new Header(pair.get(0).asString(), pair.get(1).asString()));
        }
        return headers;
    }
}
