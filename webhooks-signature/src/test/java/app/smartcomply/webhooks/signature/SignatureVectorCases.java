package app.smartcomply.webhooks.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The shared test vectors of {@code testdata/signature-vectors.json}, defined here and signed by
 * this module, so the file every library (Java, Node, Python) and the server test against is what
 * {@link WebhookSigner} and {@link WebhookVerifier} do today.
 *
 * <p>{@link #json()} renders the whole file; {@code SignatureVectorsTest} fails when the checked-in
 * file differs from it and rewrites it when run with {@code -Dsignature.vectors.write=true}.
 * Everything is deterministic: fixed secrets (derived from fixed seeds), fixed timestamps.
 */
final class SignatureVectorCases {

    /** 2026-01-01T00:00:00Z: the signing time of most vectors. */
    static final long T = 1767225600L;

    static final long TOLERANCE = 300;

    static final String S1 = secret("vector secret 1", 24);
    static final String S2 = secret("vector secret 2", 24);
    static final String S3 = secret("vector secret 3", 24);
    /** 16 bytes: its base64 part ends in "==", which is part of the HMAC key like the rest. */
    static final String PADDED = secret("vector secret padded", 16);
    /** 32 bytes, an imported secret of another length. */
    static final String LONG = secret("vector secret long", 32);

    static final String JSON_BODY = "{\"id\":\"evt_01JGZ8Q4V6Y2N3M4K5P6R7S8T9\",\"type\":\"test.submitted\","
            + "\"created_at\":\"2026-01-01T00:00:00Z\",\"data\":{\"test_id\":\"tst_1\",\"score\":82.5}}";
    static final String UNICODE_BODY = "{\"id\":\"evt_unicode\",\"type\":\"notice.created\",\"data\":{\"title\":"
            + "\"Zoë’s notice – 日本語 – émoji 🚀\",\"note\":\"line\\nbreak\"}}";
    static final String PRETTY_BODY = "{\n  \"id\": \"evt_pretty\",\n  \"type\": \"test.submitted\"\n}\n";

    /** One verification vector: what the receiver holds, what it got, and the verdict. */
    record Vector(
            String name,
            String kind,
            String description,
            List<String> secrets,
            byte[] body,
            boolean bodyIsText,
            Long timestamp,
            String header,
            long now,
            long tolerance,
            String expected) {}

    /** One signing vector: what the sender holds (oldest first) and the header it must produce. */
    record Signing(String name, List<String> secrets, long timestamp, byte[] body, boolean bodyIsText, String header) {}

    /** A string that is not a signing secret: every library refuses it up front. */
    record InvalidSecret(String name, String secret) {}

    private SignatureVectorCases() {}

    static List<Vector> vectors() {
        List<Vector> v = new ArrayList<>();
        byte[] json = utf8(JSON_BODY);

        // --- valid -------------------------------------------------------------------------
        v.add(ok("valid", "valid_json_body", "One secret, the body as the service sends it.", json, sign(T, json, S1)));
        v.add(ok(
                "valid",
                "valid_unicode_body",
                "Non-ASCII UTF-8 in the body: the MAC is over its bytes.",
                utf8(UNICODE_BODY),
                sign(T, utf8(UNICODE_BODY), S1)));
        v.add(ok(
                "valid",
                "valid_empty_body",
                "An empty body still signs \"<t>.\".",
                new byte[0],
                sign(T, new byte[0], S1)));
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80, (byte) 0xc3, 0x28, 0x0a};
        v.add(new Vector(
                "valid_binary_body",
                "valid",
                "Bytes that are not UTF-8 (body_base64): verify the raw bytes.",
                List.of(S1),
                binary,
                false,
                T,
                sign(T, binary, S1),
                T + 10,
                TOLERANCE,
                "valid"));
        v.add(ok(
                "valid",
                "valid_pretty_body_with_whitespace",
                "Whitespace and newlines in the body are signed as sent.",
                utf8(PRETTY_BODY),
                sign(T, utf8(PRETTY_BODY), S1)));
        v.add(at(
                "valid",
                "valid_at_tolerance_past_edge",
                "Exactly tolerance seconds old is accepted.",
                json,
                sign(T, json, S1),
                T + TOLERANCE,
                TOLERANCE,
                "valid"));
        v.add(at(
                "valid",
                "valid_at_tolerance_future_edge",
                "Exactly tolerance seconds ahead is accepted.",
                json,
                sign(T, json, S1),
                T - TOLERANCE,
                TOLERANCE,
                "valid"));
        v.add(at(
                "valid",
                "valid_zero_tolerance_same_second",
                "Tolerance 0 accepts the same second.",
                json,
                sign(T, json, S1),
                T,
                0,
                "valid"));
        v.add(ok(
                "valid",
                "valid_uppercase_hex",
                "Hex is compared as bytes, so upper case matches.",
                json,
                sign(T, json, S1).toUpperCase(Locale.ROOT).replace("T=", "t=").replace("V1=", "v1=")));
        v.add(ok(
                "whitespace",
                "valid_spaces_around_elements",
                "Spaces after commas (a common proxy rewrite).",
                json,
                "t=" + T + ", v1=" + hexV1(S1, T, json)));
        v.add(ok(
                "whitespace",
                "valid_spaces_and_tabs_everywhere",
                "Whitespace around keys, values and the header.",
                json,
                " \tt = " + T + " ,\tv1 = " + hexV1(S1, T, json) + " "));
        v.add(ok(
                "valid",
                "valid_empty_elements",
                "Empty elements and a trailing comma are ignored.",
                json,
                "t=" + T + ",,v1=" + hexV1(S1, T, json) + ","));
        v.add(ok(
                "valid",
                "valid_unknown_schemes_ignored",
                "v0, v2 and other keys are ignored; the v1 counts.",
                json,
                "t=" + T + ",v0=abc,v2=" + hexV1(S2, T, json) + ",v1=" + hexV1(S1, T, json)));
        v.add(ok(
                "valid",
                "valid_timestamp_with_leading_zeros",
                "t is parsed as a number: the MAC is over its canonical decimal (\"" + T + ".\").",
                json,
                "t=000" + T + ",v1=" + hexV1(S1, T, json)));
        v.add(new Vector(
                "valid_padded_secret",
                "secret_form",
                "A 16-byte secret whose base64 ends in '==': the whole string is the key.",
                List.of(PADDED),
                json,
                true,
                T,
                sign(T, json, PADDED),
                T + 10,
                TOLERANCE,
                "valid"));
        v.add(new Vector(
                "valid_long_secret",
                "secret_form",
                "A 32-byte imported secret.",
                List.of(LONG),
                json,
                true,
                T,
                sign(T, json, LONG),
                T + 10,
                TOLERANCE,
                "valid"));

        // --- rotation: several v1 values, the valid one not first ---------------------------
        v.add(ok(
                "rotation",
                "rotation_valid_second_of_two",
                "Old secret first, the receiver's (new) one second.",
                json,
                sign(T, json, S2, S1)));
        v.add(ok(
                "rotation",
                "rotation_valid_last_of_three",
                "A non-hex v1, another secret's v1, then the valid one.",
                json,
                "t=" + T + ",v1=not-hex,v1=" + hexV1(S2, T, json) + ",v1=" + hexV1(S1, T, json)));
        v.add(ok(
                "rotation",
                "rotation_receiver_still_on_old_secret",
                "Mid-rotation, the receiver holds only the old "
                        + "secret: its v1 is first, the new one last (a receiver keeping only the last v1 fails).",
                json,
                sign(T, json, S1, S2)));
        v.add(ok(
                "rotation",
                "rotation_valid_middle_of_three",
                "The valid v1 between two others.",
                json,
                sign(T, json, S2, S1, S3)));
        v.add(new Vector(
                "rotation_receiver_holds_two_secrets",
                "rotation",
                "The receiver holds old and new; the delivery is signed with the new one only.",
                List.of(S1, S2),
                json,
                true,
                T,
                sign(T, json, S2),
                T + 10,
                TOLERANCE,
                "valid"));
        v.add(new Vector(
                "rotation_receiver_second_secret_matches_first_v1",
                "rotation",
                "Both sides hold two secrets; only the receiver's second matches the header's first v1.",
                List.of(S3, S2),
                json,
                true,
                T,
                sign(T, json, S2, S1),
                T + 10,
                TOLERANCE,
                "valid"));
        v.add(ok(
                "rotation",
                "rotation_none_match",
                "Two v1 values, neither made with the receiver's secret.",
                json,
                sign(T, json, S2, S3),
                "no_matching_signature"));

        // --- timestamps ---------------------------------------------------------------------
        v.add(at(
                "stale_timestamp",
                "stale_one_second_past_tolerance",
                "301 s old with tolerance 300.",
                json,
                sign(T, json, S1),
                T + TOLERANCE + 1,
                TOLERANCE,
                "timestamp_too_old"));
        v.add(at(
                "future_timestamp",
                "future_one_second_past_tolerance",
                "301 s ahead with tolerance 300.",
                json,
                sign(T, json, S1),
                T - TOLERANCE - 1,
                TOLERANCE,
                "timestamp_in_future"));
        v.add(at(
                "stale_timestamp",
                "stale_checked_before_signature",
                "Old and forged: the timestamp is reported.",
                json,
                "t=" + T + ",v1=" + hexV1(S2, T, json),
                T + 3600,
                TOLERANCE,
                "timestamp_too_old"));
        v.add(at(
                "stale_timestamp",
                "stale_zero_tolerance_one_second",
                "Tolerance 0 rejects one second late.",
                json,
                sign(T, json, S1),
                T + 1,
                0,
                "timestamp_too_old"));
        v.add(at(
                "stale_timestamp",
                "stale_timestamp_zero",
                "t=0, the epoch.",
                json,
                sign(0, json, S1),
                T,
                TOLERANCE,
                "timestamp_too_old"));
        v.add(at(
                "future_timestamp",
                "future_largest_timestamp",
                "The largest 64-bit timestamp (no overflow).",
                json,
                sign(Long.MAX_VALUE, json, S1),
                T,
                TOLERANCE,
                "timestamp_in_future"));
        v.add(at(
                "stale_timestamp",
                "stale_with_custom_tolerance",
                "Tolerance 60: 61 s old is too old.",
                json,
                sign(T, json, S1),
                T + 61,
                60,
                "timestamp_too_old"));

        // --- no matching signature ----------------------------------------------------------
        v.add(ok(
                "no_matching_signature",
                "tampered_body",
                "Signed, then one value changed in transit.",
                utf8(JSON_BODY.replace("82.5", "99.5")),
                sign(T, json, S1),
                "no_matching_signature"));
        v.add(ok(
                "no_matching_signature",
                "body_reserialized",
                "The receiver parsed and re-serialized the JSON.",
                utf8(PRETTY_BODY.replaceAll("\\s", "")),
                sign(T, utf8(PRETTY_BODY), S1),
                "no_matching_signature"));
        v.add(new Vector(
                "wrong_secret",
                "no_matching_signature",
                "Signed with another endpoint's secret.",
                List.of(S2),
                json,
                true,
                T,
                sign(T, json, S1),
                T + 10,
                TOLERANCE,
                "no_matching_signature"));
        v.add(ok(
                "secret_form",
                "key_without_whsec_prefix",
                "Keyed with the secret minus its 'whsec_' prefix: the prefix is part of the key, so no match.",
                json,
                "t=" + T + ",v1=" + hex(hmac(utf8(S1.substring(SigningSecret.PREFIX.length())), T + ".", json)),
                "no_matching_signature"));
        v.add(ok(
                "secret_form",
                "key_base64_decoded",
                "Keyed with the base64-decoded secret (the Standard Webhooks key): not this header's key.",
                json,
                "t=" + T + ",v1=" + hex(hmac(Base64.getDecoder().decode(S1.substring(6)), T + ".", json)),
                "no_matching_signature"));
        v.add(ok(
                "no_matching_signature",
                "mac_over_body_only",
                "The MAC omits the \"<t>.\" prefix.",
                json,
                "t=" + T + ",v1=" + hex(hmac(utf8(S1), "", json)),
                "no_matching_signature"));
        v.add(ok(
                "no_matching_signature",
                "mac_for_other_timestamp",
                "t was changed after signing.",
                json,
                "t=" + T + ",v1=" + hexV1(S1, T - 1, json),
                "no_matching_signature"));
        v.add(ok(
                "no_matching_signature",
                "truncated_signature",
                "The v1 lost its last byte.",
                json,
                "t=" + T + ",v1=" + hexV1(S1, T, json).substring(0, 62),
                "no_matching_signature"));
        v.add(ok(
                "no_matching_signature",
                "v1_not_hex",
                "A v1 that is not hex cannot match (the header is well formed).",
                json,
                "t=" + T + ",v1=zz" + hexV1(S1, T, json).substring(2),
                "no_matching_signature"));
        v.add(ok(
                "no_matching_signature",
                "v1_empty",
                "An empty v1 value.",
                json,
                "t=" + T + ",v1=",
                "no_matching_signature"));
        v.add(ok(
                "no_matching_signature",
                "signature_in_other_scheme_only",
                "The right MAC, but under v2 (ignored).",
                json,
                "t=" + T + ",v2=" + hexV1(S1, T, json) + ",v1=" + hexV1(S2, T, json),
                "no_matching_signature"));

        // --- malformed header ---------------------------------------------------------------
        String mac = hexV1(S1, T, json);
        v.add(malformed("header_absent", "No header at all (null).", null));
        v.add(malformed("header_empty", "An empty header.", ""));
        v.add(malformed("header_whitespace_only", "Only whitespace.", " \t "));
        v.add(malformed("no_timestamp", "v1 without t.", "v1=" + mac));
        v.add(malformed("no_v1", "t without v1.", "t=" + T));
        v.add(malformed("only_other_schemes", "t and v0 only.", "t=" + T + ",v0=" + mac));
        v.add(malformed(
                "duplicate_timestamp",
                "Two t elements: which was signed is ambiguous.",
                "t=" + T + ",t=" + T + ",v1=" + mac));
        v.add(malformed(
                "two_header_lines_joined",
                "The header sent twice, joined by a proxy with \", \".",
                "t=" + T + ",v1=" + mac + ", t=" + T + ",v1=" + mac));
        v.add(malformed("timestamp_not_numeric", "t=abc.", "t=abc,v1=" + mac));
        v.add(malformed("timestamp_negative", "A sign is not a digit.", "t=-" + T + ",v1=" + mac));
        v.add(malformed("timestamp_plus_sign", "A sign is not a digit.", "t=+" + T + ",v1=" + mac));
        v.add(malformed("timestamp_empty", "t= with nothing after it.", "t=,v1=" + mac));
        v.add(malformed("timestamp_fractional", "Seconds are whole.", "t=" + T + ".5,v1=" + mac));
        v.add(malformed(
                "timestamp_in_milliseconds_overflow",
                "One past the largest 64-bit value.",
                "t=9223372036854775808,v1=" + mac));
        v.add(malformed("timestamp_twenty_digits", "More than 19 digits.", "t=00000000001767225600,v1=" + mac));
        v.add(malformed("element_without_equals", "An element with no '='.", "t=" + T + ",v1=" + mac + ",garbage"));
        v.add(malformed(
                "standard_webhooks_format",
                "A webhook-signature value in this header.",
                "v1,"
                        + Base64.getEncoder()
                                .encodeToString(
                                        hmac(Base64.getDecoder().decode(S1.substring(6)), "evt_1." + T + ".", json))));
        v.add(malformed(
                "semicolon_separated",
                "';' is not a separator: t's value swallows the rest.",
                "t=" + T + ";v1=" + mac));
        v.add(malformed("keys_are_case_sensitive", "T= and V1= are not t= and v1=.", "T=" + T + ",V1=" + mac));
        return v;
    }

    static List<Signing> signings() {
        byte[] json = utf8(JSON_BODY);
        return List.of(
                signing("sign_one_secret", T, json, true, S1),
                signing("sign_rotation_oldest_first", T, json, true, S2, S1),
                signing("sign_three_secrets", T, json, true, S3, S2, S1),
                signing("sign_unicode_body", T, utf8(UNICODE_BODY), true, S1),
                signing("sign_empty_body", T, new byte[0], true, S1),
                signing("sign_padded_secret", T, json, true, PADDED),
                signing("sign_timestamp_zero", 0, json, true, S1));
    }

    static List<InvalidSecret> invalidSecrets() {
        return List.of(
                new InvalidSecret("without_whsec_prefix", S1.substring(SigningSecret.PREFIX.length())),
                new InvalidSecret("upper_case_prefix", "WHSEC_" + S1.substring(6)),
                new InvalidSecret("empty", ""),
                new InvalidSecret("prefix_only", SigningSecret.PREFIX),
                new InvalidSecret("too_short_8_bytes", SigningSecret.PREFIX + "AAECAwQFBgc="),
                new InvalidSecret("not_base64", SigningSecret.PREFIX + "this is not base64 at all!!"),
                new InvalidSecret("trailing_newline", S1 + "\n"),
                new InvalidSecret("leading_space", " " + S1));
    }

    // --- rendering ----------------------------------------------------------------------------

    /** The whole file, two-space indented, one vector per block; ends with a newline. */
    static String json() {
        StringBuilder out = new StringBuilder();
        out.append("{\n");
        field(
                        out,
                        1,
                        "description",
                        "Shared test vectors of the X-SmartComply-Signature scheme. Generated by "
                                + "webhooks-signature (SignatureVectorCases; rewrite with mvn -pl webhooks-signature test "
                                + "-Dtest=SignatureVectorsTest -Dsignature.vectors.write=true); read by the Java, Node and Python "
                                + "libraries' tests and the server's.")
                .append(",\n");
        field(
                        out,
                        1,
                        "scheme",
                        "X-SmartComply-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]; each v1 is "
                                + "HMAC-SHA256 keyed with the UTF-8 bytes of the whole secret (whsec_ prefix included) over the "
                                + "ASCII decimal of t, '.', then the raw body bytes. A delivery is valid when |now - t| <= "
                                + "tolerance_seconds and any v1 matches any of the receiver's secrets.")
                .append(",\n");
        field(
                        out,
                        1,
                        "verdicts",
                        "valid | malformed_header | timestamp_too_old | timestamp_in_future | "
                                + "no_matching_signature. The timestamp is checked before any signature.")
                .append(",\n");
        field(
                        out,
                        1,
                        "body_encoding",
                        "body is UTF-8 text; body_base64 holds bytes that are not UTF-8. "
                                + "header null means the header is absent.")
                .append(",\n");
        indent(out, 1).append("\"vectors\": [\n");
        List<Vector> vectors = vectors();
        for (int i = 0; i < vectors.size(); i++) {
            Vector x = vectors.get(i);
            indent(out, 2).append("{\n");
            field(out, 3, "name", x.name()).append(",\n");
            field(out, 3, "kind", x.kind()).append(",\n");
            field(out, 3, "description", x.description()).append(",\n");
            indent(out, 3)
                    .append("\"secrets\": ")
                    .append(stringArray(x.secrets()))
                    .append(",\n");
            body(out, 3, x.body(), x.bodyIsText()).append(",\n");
            indent(out, 3)
                    .append("\"timestamp\": ")
                    .append(x.timestamp() == null ? "null" : x.timestamp())
                    .append(",\n");
            indent(out, 3)
                    .append("\"header\": ")
                    .append(x.header() == null ? "null" : quote(x.header()))
                    .append(",\n");
            indent(out, 3).append("\"now\": ").append(x.now()).append(",\n");
            indent(out, 3)
                    .append("\"tolerance_seconds\": ")
                    .append(x.tolerance())
                    .append(",\n");
            field(out, 3, "expected", x.expected()).append('\n');
            indent(out, 2).append(i + 1 < vectors.size() ? "},\n" : "}\n");
        }
        indent(out, 1).append("],\n");
        indent(out, 1).append("\"signing\": [\n");
        List<Signing> signings = signings();
        for (int i = 0; i < signings.size(); i++) {
            Signing s = signings.get(i);
            indent(out, 2).append("{\n");
            field(out, 3, "name", s.name()).append(",\n");
            indent(out, 3)
                    .append("\"secrets\": ")
                    .append(stringArray(s.secrets()))
                    .append(",\n");
            indent(out, 3).append("\"timestamp\": ").append(s.timestamp()).append(",\n");
            body(out, 3, s.body(), s.bodyIsText()).append(",\n");
            field(out, 3, "header", s.header()).append('\n');
            indent(out, 2).append(i + 1 < signings.size() ? "},\n" : "}\n");
        }
        indent(out, 1).append("],\n");
        indent(out, 1).append("\"invalid_secrets\": [\n");
        List<InvalidSecret> invalid = invalidSecrets();
        for (int i = 0; i < invalid.size(); i++) {
            InvalidSecret s = invalid.get(i);
            indent(out, 2)
                    .append("{ \"name\": ")
                    .append(quote(s.name()))
                    .append(", \"secret\": ")
                    .append(quote(s.secret()))
                    .append(i + 1 < invalid.size() ? " },\n" : " }\n");
        }
        indent(out, 1).append("]\n");
        out.append("}\n");
        return out.toString();
    }

    // --- helpers ------------------------------------------------------------------------------

    private static Vector ok(String kind, String name, String description, byte[] body, String header) {
        return ok(kind, name, description, body, header, "valid");
    }

    private static Vector ok(
            String kind, String name, String description, byte[] body, String header, String expected) {
        return new Vector(name, kind, description, List.of(S1), body, true, T, header, T + 10, TOLERANCE, expected);
    }

    private static Vector at(
            String kind,
            String name,
            String description,
            byte[] body,
            String header,
            long now,
            long tolerance,
            String expected) {
        return new Vector(
                name,
                kind,
                description,
                List.of(S1),
                body,
                true,
                timestampOf(header),
                header,
                now,
                tolerance,
                expected);
    }

    private static Vector malformed(String name, String description, String header) {
        return new Vector(
                name,
                "malformed_header",
                description,
                List.of(S1),
                utf8(JSON_BODY),
                true,
                null,
                header,
                T + 10,
                TOLERANCE,
                "malformed_header");
    }

    private static Signing signing(String name, long timestamp, byte[] body, boolean text, String... secrets) {
        return new Signing(name, List.of(secrets), timestamp, body, text, sign(timestamp, body, secrets));
    }

    private static Long timestampOf(String header) {
        return Long.parseLong(header.substring(2, header.indexOf(',')));
    }

    /** The header exactly as the service makes it: through {@link WebhookSigner}. */
    static String sign(long timestamp, byte[] body, String... secrets) {
        return WebhookSigner.signatureHeader(
                timestamp,
                body,
                Arrays.stream(secrets).map(SigningSecret::parse).toList());
    }

    private static String hexV1(String secret, long timestamp, byte[] body) {
        return hex(WebhookSigner.v1(SigningSecret.parse(secret), timestamp, body));
    }

    /** A MAC made on purpose with the wrong key or message (see the vectors that use it). */
    private static byte[] hmac(byte[] key, String prefix, byte[] body) {
        return new HmacSha256(key).mac(prefix.getBytes(StandardCharsets.UTF_8), body);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String secret(String seed, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(utf8(seed));
            return SigningSecret.PREFIX + Base64.getEncoder().encodeToString(Arrays.copyOf(digest, bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StringBuilder body(StringBuilder out, int level, byte[] body, boolean text) {
        if (text) {
            return field(out, level, "body", new String(body, StandardCharsets.UTF_8));
        }
        return field(out, level, "body_base64", Base64.getEncoder().encodeToString(body));
    }

    private static StringBuilder field(StringBuilder out, int level, String name, String value) {
        return indent(out, level).append(quote(name)).append(": ").append(quote(value));
    }

    private static StringBuilder indent(StringBuilder out, int level) {
        return out.append("  ".repeat(level));
    }

    private static String stringArray(List<String> values) {
        return "["
                + String.join(
                        ", ", values.stream().map(SignatureVectorCases::quote).toList()) + "]";
    }

    /** A JSON string: non-ASCII kept as UTF-8, control characters escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
