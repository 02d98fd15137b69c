package app.smartcomply.webhooks.endpoint;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Turns host text into IP address bytes the way a browser does, and back into canonical text.
 *
 * <p>Why not {@link java.net.InetAddress#getByName}: it does a DNS lookup whenever the text is not
 * a literal <em>it</em> recognises, and it recognises a different set of spellings than the URL
 * standard (it rejects {@code 0x7f.1} and, depending on {@code jdk.net.allowAmbiguousIPAddressLiterals},
 * {@code 0177.0.0.1}). An SSRF guard must see every spelling that <em>some</em> client, proxy or
 * resolver library might turn into an address, so IPv4 follows the WHATWG URL Standard's
 * "IPv4 parser" (1–4 dot-separated parts, each decimal, {@code 0}-prefixed octal or
 * {@code 0x}-prefixed hex; the last part fills the remaining bytes) and IPv6 follows RFC 4291
 * text form (with {@code ::} and a trailing dotted IPv4), without zone identifiers.
 *
 * <p>All methods are pure: no I/O, no DNS.
 */
final class IpLiteralParser {

    private static final BigInteger TWO_FIFTY_SIX = BigInteger.valueOf(256);

    private IpLiteralParser() {}

    /**
     * The WHATWG "ends in a number" test: a host whose last label (ignoring one trailing dot) is
     * all decimal digits or a valid {@code 0x} hex number must be an IPv4 address — if it does not
     * parse as one, the host is invalid rather than a DNS name. This is what stops
     * {@code 1.2.3.999} or {@code foo.0x10} from being "names" that a lenient resolver turns into
     * addresses anyway.
     *
     * @param host lower-case ASCII host without brackets
     */
    static boolean endsInNumber(String host) {
        String[] parts = host.split("\\.", -1);
        int count = parts.length;
        if (parts[count - 1].isEmpty()) {
            if (count == 1) {
                return false;
            }
            count--;
        }
        String last = parts[count - 1];
        if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return parseIpv4Number(last) != null;
    }

    /**
     * Parses an IPv4 address in any spelling the WHATWG URL Standard accepts: {@code 127.0.0.1},
     * {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}, with at most one
     * trailing dot.
     *
     * @param host lower-case ASCII host without brackets
     * @return the four address bytes, or {@code null} if the text is not a valid IPv4 address
     */
    static byte[] parseIpv4(String host) {
        String[] split = host.split("\\.", -1);
        int count = split.length;
        if (count > 1 && split[count - 1].isEmpty()) {
            count--; // one trailing dot is allowed, as in DNS
        }
        if (count > 4) {
            return null;
        }
        BigInteger[] numbers = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = parseIpv4Number(split[i]);
            if (numbers[i] == null) {
                return null;
            }
        }
        for (int i = 0; i < count - 1; i++) {
            if (numbers[i].compareTo(TWO_FIFTY_SIX) >= 0) {
                return null;
            }
        }
        // The last part covers all remaining bytes: 127.1 is 127.0.0.1, 2130706433 is 127.0.0.1.
        if (numbers[count - 1].compareTo(TWO_FIFTY_SIX.pow(5 - count)) >= 0) {
            return null;
        }
        long value = numbers[count - 1].longValueExact();
        for (int i = 0; i < count - 1; i++) {
            value += numbers[i].longValueExact() << (8 * (3 - i));
        }
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** One part of an IPv4 address: decimal, {@code 0}-prefixed octal or {@code 0x}-prefixed hex. */
    private static BigInteger parseIpv4Number(String part) {
        if (part.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = part;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.isEmpty()) {
            return BigInteger.ZERO; // "0x" alone is zero in the URL Standard
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 'z') {
                return null;
            }
        }
        return new BigInteger(digits, radix);
    }

    /**
     * Parses IPv6 text (no brackets, no zone identifier): up to eight groups of 1–4 hex digits,
     * at most one {@code ::}, optionally ending in a dotted-decimal IPv4 address (four decimal
     * parts without leading zeros, as the URL Standard requires).
     *
     * @return the sixteen address bytes, or {@code null} if the text is not valid IPv6
     */
    static byte[] parseIpv6(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int compressAt = -1;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            compressAt = 0;
            i = 2;
            if (i == n) {
                return new byte[16]; // "::"
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            while (i < n && i - start < 5 && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 0x80) {
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                // Embedded IPv4 in the last 32 bits: "::ffff:127.0.0.1".
                if (count > 6) {
                    return null;
                }
                byte[] v4 = parseStrictDottedQuad(text.substring(start));
                if (v4 == null) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                i = n;
                break;
            }
            int length = i - start;
            if (length == 0 || length > 4) {
                return null;
            }
            groups[count++] = Integer.parseInt(text, start, i, 16);
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (compressAt >= 0) {
                    return null; // a second "::"
                }
                compressAt = count;
                i++;
            } else if (i == n) {
                return null; // trailing single ':'
            }
        }
        if (compressAt < 0 && count != 8) {
            return null;
        }
        if (compressAt >= 0 && count == 8) {
            return null; // "::" must stand for at least one group
        }
        int[] full = new int[8];
        if (compressAt < 0) {
            full = groups;
        } else {
            int tail = count - compressAt;
            System.arraycopy(groups, 0, full, 0, compressAt);
            System.arraycopy(groups, compressAt, full, 8 - tail, tail);
        }
        byte[] bytes = new byte[16];
        for (int g = 0; g < 8; g++) {
            bytes[2 * g] = (byte) (full[g] >>> 8);
            bytes[2 * g + 1] = (byte) full[g];
        }
        return bytes;
    }

    /** Exactly four decimal parts 0–255 without leading zeros (the form allowed inside IPv6). */
    private static byte[] parseStrictDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty()
                    || p.length() > 3
                    || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            bytes[i] = (byte) v;
        }
        return bytes;
    }

    /**
     * Canonical text of an address: dotted decimal for IPv4; RFC 5952 for IPv6 (lower case,
     * longest run of zero groups compressed, IPv4-mapped addresses as {@code ::ffff:a.b.c.d}).
     */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        if (isIpv4Mapped(address)) {
            return "::ffff:" + format(new byte[] {address[12], address[13], address[14], address[15]});
        }
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = ((address[2 * g] & 0xff) << 8) | (address[2 * g + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: never compress a single zero group
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            int start = g;
            while (g < 8 && groups[g] == 0) {
                g++;
            }
            if (g - start > bestLength) {
                bestStart = start;
                bestLength = g - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                text.append("::");
                g += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[g]));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** {@code ::ffff:0:0/96}. */
    static boolean isIpv4Mapped(byte[] a) {
        if (a.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }
}
