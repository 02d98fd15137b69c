package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an endpoint's custom headers may be, checked when they are saved: every refusal names the
 * header ({@code param} {@code headers.<name>}) and never quotes its value.
 *
 * <ul>
 *   <li>At most {@value #MAX_HEADERS} headers, {@value #MAX_TOTAL_BYTES} bytes in all (each counted
 *       as {@code name: value}).
 *   <li>A name is an HTTP token (RFC 9110 §5.6.2) — which rules out CR, LF, NUL, spaces and colons —
 *       and not one the service sets or that belongs to the connection: see {@link #isReserved}.
 *   <li>A value is non-empty visible ASCII, with single spaces or tabs inside but not at either
 *       end (HTTP would strip them, and the receiver would see another value than the one saved).
 * </ul>
 */
final class CustomHeaderRules {

    static final int MAX_HEADERS = 20;
    static final int MAX_TOTAL_BYTES = 8 * 1024;

    /** Names longer than this are cut in a {@code param}: a problem must stay readable. */
    private static final int PARAM_NAME_LENGTH = 100;

    /**
     * Names the service writes itself on every attempt (Content-Type, User-Agent, the signature
     * headers, traceparent), names that describe the body or the connection rather than the
     * message (hop-by-hop ones included: a proxy would drop them, HttpClient manages them), and
     * Proxy-Authorization, which would reach the operator's egress proxy.
     */
    private static final Set<String> RESERVED = Set.of(
            "host",
            "content-length",
            "content-type",
            "content-encoding",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "upgrade",
            "expect",
            "user-agent",
            "traceparent",
            "tracestate");

    /** Prefixes of the service's own headers: {@code X-SmartComply-*} and Standard Webhooks' {@code webhook-*}. */
    private static final List<String> RESERVED_PREFIXES = List.of("x-smartcomply-", "webhook-");

    private CustomHeaderRules() {}

    /** The headers, in the order given, if they follow the rules above. */
    static List<CustomHeader> validate(Map<String, String> headers) {
        if (headers.size() > MAX_HEADERS) {
            throw new InvalidInputException(
                    "too_many_headers", "headers", "An endpoint can have at most " + MAX_HEADERS + " custom headers.");
        }
        List<CustomHeader> valid = new ArrayList<>(headers.size());
        Set<String> seen = new HashSet<>();
        int bytes = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (!isToken(name)) {
                throw new InvalidInputException(
                        "invalid_header_name",
                        param(name),
                        "A header name must be an HTTP token: letters, digits and !#$%&'*+-.^_`|~ only.");
            }
            if (isReserved(name)) {
                throw new InvalidInputException(
                        "reserved_header_name",
                        param(name),
                        "The header " + name
                                + " is set by the service or belongs to the connection; it cannot be a custom header.");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException(
                        "duplicate_header_name",
                        param(name),
                        "The header " + name + " is given twice (header names are case-insensitive).");
            }
            if (value == null || !isVisibleValue(value)) {
                throw new InvalidInputException(
                        "invalid_header_value",
                        param(name),
                        "The value of " + name + " must be non-empty visible ASCII, with spaces only between words.");
            }
            bytes += name.length() + 2 + value.length();
            valid.add(new CustomHeader(name, value));
        }
        if (bytes > MAX_TOTAL_BYTES) {
            throw new InvalidInputException(
                    "headers_too_large",
                    "headers",
                    "Custom headers are limited to " + MAX_TOTAL_BYTES + " bytes in all (name: value of each).");
        }
        return List.copyOf(valid);
    }

    /** True for a name the service sets itself or that belongs to the connection. */
    static boolean isReserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return RESERVED.contains(lower) || RESERVED_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisibleValue(String value) {
        if (value.isEmpty() || isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1))) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 0x21 && c <= 0x7E) && !isBlank(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code headers.<name>}, the name made printable and short if it is not a valid one. */
    private static String param(String name) {
        StringBuilder shown = new StringBuilder("headers.");
        for (int i = 0; i < Math.min(name.length(), PARAM_NAME_LENGTH); i++) {
            char c = name.charAt(i);
            shown.append(c > 0x20 && c < 0x7F ? c : '?');
        }
        return shown.toString();
    }
}
