package app.smartcomply.webhooks.security;

import static app.smartcomply.webhooks.security.RawHttp.b;

import java.util.List;

/**
 * The hostile values the corpus puts everywhere, as text for {@link RawHttp} (raw bytes as
 * U+E0xx characters). Template and expression injections all compute 1337*1337 = {@value
 * #EVALUATED}: that number in an answer means an expression was evaluated.
 */
final class HostileStrings {

    /** 1337 * 1337: must never appear in an answer to the corpus. */
    static final String EVALUATED = "1787569";

    /** Invalid UTF-8 as raw bytes: overlong, surrogates, stray and truncated sequences, too high. */
    static final List<String> INVALID_UTF8 = List.of(
            b(0xC0, 0xAF), // overlong '/'
            b(0xC1, 0xBF), // overlong, C1 lead byte
            b(0xE0, 0x80, 0xAF), // 3-byte overlong '/'
            b(0xED, 0xA0, 0x80), // lone high surrogate U+D800 as bytes
            b(0xED, 0xBF, 0xBF), // lone low surrogate U+DFFF as bytes
            b(0x80), // stray continuation byte
            b(0xFF), // never valid
            b(0xE2, 0x82), // truncated euro sign
            b(0xF4, 0x90, 0x80, 0x80), // above U+10FFFF
            b(0xF8, 0x88, 0x80, 0x80, 0x80)); // 5-byte form

    /** The same invalid sequences percent-encoded, for query strings, paths and form fields. */
    static final List<String> INVALID_UTF8_PERCENT = List.of(
            "%C0%AF",
            "%C1%BF", "%E0%80%AF", "%ED%A0%80", "%ED%BF%BF", "%80", "%FF", "%E2%82", "%F4%90%80%80", "%F8%88%80%80%80");

    /** Strings that are valid text but try to be code somewhere downstream. */
    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE endpoints; --",
            "\\\" OR 1=1 --",
            "1) UNION SELECT key_hash FROM api_keys --",
            "../../../../etc/passwd",
            "..\\\\..\\\\..\\\\windows\\\\win.ini",
            "${1337*1337}",
            "#{1337*1337}",
            "[[${1337*1337}]]",
            "[(${1337*1337})]",
            "__${1337*1337}__::.x",
            "*{1337*1337}",
            "{{1337*1337}}",
            "<%= 1337*1337 %>",
            "${T(java.lang.Math).abs(-1787560-9)}",
            "${jndi:ldap://127.0.0.1:1/x}",
            "<script>alert(1337)</script>",
            "\\\"><img src=x onerror=alert(1337)>",
            "%s%s%s%n%x",
            "\\u202Egnp.exe");

    /** The injections' text as it must never appear unescaped in an HTML page. */
    static final List<String> UNESCAPED_HTML = List.of("<script>alert(1337)", "<img src=x onerror=alert(1337)>");

    private HostileStrings() {}

    /** Percent-encodes every byte of UTF-8 text (for query strings and form bodies). */
    static String pct(String text) {
        StringBuilder out = new StringBuilder();
        for (byte value : RawHttp.bytes(text)) {
            out.append('%').append(String.format("%02X", value & 0xff));
        }
        return out.toString();
    }

    /** A JSON string literal's content turned back into plain text (only the escapes used above). */
    static String unescapeJson(String jsonContent) {
        return jsonContent.replace("\\\"", "\"").replace("\\\\", "\\").replace("\\u202E", "\u202E");
    }
}
