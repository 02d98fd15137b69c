package app.smartcomply.webhooks.signature;

import app.smartcomply.webhooks.signature.SignatureVerificationException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * What a receiver got: the signed timestamp and the candidate {@code v1} MACs, decoded to raw
 * bytes so that comparison does not depend on hex case or base64 padding.
 *
 * <p>Parsing is lenient where leniency is harmless (surrounding whitespace, unknown schemes such
 * as a future {@code v2}, candidates that do not decode) and strict where it matters: the
 * timestamp must be plain decimal digits, and at least one {@code v1} must be present, since a
 * header without one can never verify and most likely means a misconfigured proxy or client.
 */
record ReceivedSignatures(long timestampSeconds, List<byte[]> candidates) {

    /** Longest accepted timestamp: 19 digits covers every non-negative {@code long}. */
    private static final int MAX_TIMESTAMP_DIGITS = 19;

    /**
     * Parses {@code t=<seconds>,v1=<hex>[,v1=<hex>…]}.
     *
     * @throws SignatureVerificationException with {@link Reason#MALFORMED_HEADER} if the header
     *     is null or blank, has an element without {@code =}, has no or several {@code t}, a
     *     non-numeric {@code t}, or no {@code v1}
     */
    static ReceivedSignatures fromSignatureHeader(String header) {
        if (header == null || header.isBlank()) {
            throw malformed();
        }
        String timestamp = null;
        boolean sawV1 = false;
        List<byte[]> candidates = new ArrayList<>();
        for (String element : header.split(",")) {
            if (element.isBlank()) {
                continue; // tolerate "t=1,,v1=…" and a trailing comma
            }
            int eq = element.indexOf('=');
            if (eq < 0) {
                throw malformed();
            }
            String key = element.substring(0, eq).strip();
            String value = element.substring(eq + 1).strip();
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw malformed(); // two timestamps: which one was signed is ambiguous
                }
                timestamp = value;
            } else if (key.equals("v1")) {
                sawV1 = true;
                byte[] mac = decodeHex(value);
                if (mac != null) {
                    candidates.add(mac);
                }
            }
            // Any other key (v0, v2, …) is ignored so that new schemes can be added without
            // breaking deployed receivers.
        }
        if (timestamp == null || !sawV1) {
            throw malformed();
        }
        return new ReceivedSignatures(parseTimestamp(timestamp), candidates);
    }

    /**
     * Parses the Standard Webhooks {@code webhook-timestamp} and {@code webhook-signature}
     * ({@code v1,<base64>} entries separated by whitespace).
     *
     * @throws SignatureVerificationException with {@link Reason#MALFORMED_HEADER} if either is
     *     null or blank, the timestamp is not numeric, or there is no {@code v1} entry
     */
    static ReceivedSignatures fromStandardWebhooks(String timestamp, String signature) {
        return fromStandardWebhooks(timestamp, signature, "v1");
    }

    /**
     * Like {@link #fromStandardWebhooks(String, String)}, for the entries of one version:
     * {@code "v1"} (HMAC) or {@code "v1a"} (Ed25519); entries of other versions are ignored.
     *
     * @throws SignatureVerificationException with {@link Reason#MALFORMED_HEADER} if there is no
     *     entry of that version, or for the reasons above
     */
    static ReceivedSignatures fromStandardWebhooks(String timestamp, String signature, String version) {
        if (timestamp == null || signature == null || signature.isBlank()) {
            throw malformed();
        }
        long seconds = parseTimestamp(timestamp.strip());
        boolean sawV1 = false;
        List<byte[]> candidates = new ArrayList<>();
        for (String entry : signature.strip().split("\\s+")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals(version)) {
                continue; // other versions (v1 beside v1a, or the reverse) are not ours to check
            }
            sawV1 = true;
            byte[] mac = decodeBase64(entry.substring(comma + 1));
            if (mac != null) {
                candidates.add(mac);
            }
        }
        if (!sawV1) {
            throw malformed();
        }
        return new ReceivedSignatures(seconds, candidates);
    }

    private static long parseTimestamp(String value) {
        // Digits only: Long.parseLong alone would also accept "+5" and "-5".
        if (value.isEmpty() || value.length() > MAX_TIMESTAMP_DIGITS) {
            throw malformed();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed();
            }
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw malformed(); // 19 digits above Long.MAX_VALUE
        }
    }

    /** Returns null for a value that is not hex: it simply cannot match. */
    private static byte[] decodeHex(String value) {
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Returns null for a value that is not base64: it simply cannot match. */
    private static byte[] decodeBase64(String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SignatureVerificationException malformed() {
        return new SignatureVerificationException(Reason.MALFORMED_HEADER);
    }
}
