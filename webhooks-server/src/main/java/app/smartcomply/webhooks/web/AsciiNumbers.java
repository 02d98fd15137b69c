package app.smartcomply.webhooks.web;

/**
 * Reads whole numbers from request text as people and programs write them in a URL: an optional
 * {@code -} and ASCII digits {@code 0-9}, decimal, nothing else. Java's own parsers are more
 * generous than a wire format should be — {@code Integer.decode} (which Spring's default
 * conversion uses) takes {@code 0x10}, {@code #10}, {@code +2} and reads {@code 010} as octal,
 * and {@code Integer.parseInt} takes full-width and Arabic-Indic digits — so the same query could
 * mean different things to us and to a proxy, a log reader or a WAF in front of us.
 */
final class AsciiNumbers {

    private AsciiNumbers() {}

    /** The value, null for an empty string (an absent parameter); anything else is refused. */
    static Integer toInteger(String text) {
        Long value = toLong(text);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("out of range");
        }
        return value.intValue();
    }

    /** The value, null for an empty string (an absent parameter); anything else is refused. */
    static Long toLong(String text) {
        if (text.isEmpty()) {
            return null;
        }
        int start = text.charAt(0) == '-' ? 1 : 0;
        int length = text.length() - start;
        // 18 digits always fit in a long; longer is out of range for every parameter we have.
        if (length < 1 || length > 18) {
            throw new IllegalArgumentException("not a decimal whole number");
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a decimal whole number");
            }
        }
        return Long.parseLong(text, 10);
    }
}
