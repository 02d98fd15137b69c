package app.smartcomply.webhooks.endpoint;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether an IP address is a place a webhook may be sent to, working on raw address
 * bytes so that the IPv6 form the address was written in (IPv4-mapped, NAT64, 6to4, ...) is
 * still visible — {@link java.net.InetAddress} silently turns {@code ::ffff:127.0.0.1} into
 * {@code 127.0.0.1}, which would hide the more useful "ipv4-mapped loopback" explanation.
 *
 * <p>The rule is "publicly routable unicast only". Refused, with the reason returned:
 * <ul>
 *   <li>{@code cloud-metadata}: 169.254.169.254 (AWS, GCP, Azure, OCI...), 169.254.170.2 (AWS ECS
 *       task credentials), 100.100.100.200 (Alibaba), 168.63.129.16 (Azure WireServer — a public
 *       address that only the Azure host answers), 192.0.0.192 (OCI), fd00:ec2::254 (AWS IPv6).
 *       Checked first, so the message names the most specific danger.</li>
 *   <li>{@code unspecified}: 0.0.0.0/8 ("this network"; Linux connects 0.0.0.0 to the local
 *       host) and {@code ::}.</li>
 *   <li>{@code loopback}: 127.0.0.0/8, {@code ::1}.</li>
 *   <li>{@code private}: 10/8, 172.16/12, 192.168/16, fc00::/7 (ULA), fec0::/10 (deprecated
 *       site-local), 64:ff9b:1::/48 (local-use NAT64).</li>
 *   <li>{@code link-local}: 169.254/16, fe80::/10.</li>
 *   <li>{@code cgnat}: 100.64/10 (shared address space, often the provider's internal network).</li>
 *   <li>{@code multicast}: 224/4, ff00::/8. {@code broadcast}: 255.255.255.255.</li>
 *   <li>{@code documentation}: 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20
 *       — never routed on the internet; if they answer, something local is answering.</li>
 *   <li>{@code benchmarking}: 198.18/15, 2001:2::/48 — same argument.</li>
 *   <li>{@code reserved}: 192.0.0/24 (IETF protocol assignments), 192.88.99/24 (deprecated 6to4
 *       relay anycast), 240/4, the rest of ::/8 (deprecated IPv4-compatible and IPv4-translated
 *       forms), 100::/64 (discard), ORCHID 2001:10::/28 and 2001:20::/28, and every IPv6 address
 *       outside 2000::/3 not named above (unallocated).</li>
 *   <li>IPv6 spellings of an IPv4 address are judged by the embedded IPv4 address, and the reason
 *       says how it was wrapped: {@code ipv4-mapped} (::ffff:0:0/96), {@code ipv4-compatible}
 *       (::/96), {@code ipv4-translated} (::ffff:0:0:0/96), {@code nat64} (64:ff9b::/96),
 *       {@code 6to4} (2002::/16), {@code teredo} (2001::/32; server or de-obfuscated client
 *       address) — e.g. "ipv4-mapped loopback". Wrappers of a <em>public</em> IPv4 address are
 *       allowed where the wrapper is a working transport (mapped, NAT64, 6to4, Teredo).</li>
 * </ul>
 */
final class AddressClassifier {

    /** An IPv4 CIDR block and the reason it is refused. */
    private record V4Block(int network, int prefixLength, String reason) {

        static V4Block of(String cidr, String reason) {
            int slash = cidr.indexOf('/');
            byte[] b = IpLiteralParser.parseIpv4(cidr.substring(0, slash));
            int network = toInt(b, 0);
            return new V4Block(network, Integer.parseInt(cidr.substring(slash + 1)), reason);
        }

        boolean contains(int address) {
            int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
            return (address & mask) == (network & mask);
        }
    }

    /** Most specific first: the first match supplies the reason. */
    private static final List<V4Block> V4_BLOCKS = List.of(
            V4Block.of("169.254.169.254/32", "cloud-metadata"),
            V4Block.of("169.254.170.2/32", "cloud-metadata"),
            V4Block.of("100.100.100.200/32", "cloud-metadata"),
            V4Block.of("168.63.129.16/32", "cloud-metadata"),
            V4Block.of("192.0.0.192/32", "cloud-metadata"),
            V4Block.of("0.0.0.0/8", "unspecified"),
            V4Block.of("127.0.0.0/8", "loopback"),
            V4Block.of("10.0.0.0/8", "private"),
            V4Block.of("172.16.0.0/12", "private"),
            V4Block.of("192.168.0.0/16", "private"),
            V4Block.of("169.254.0.0/16", "link-local"),
            V4Block.of("100.64.0.0/10", "cgnat"),
            V4Block.of("192.0.0.0/24", "reserved"),
            V4Block.of("192.0.2.0/24", "documentation"),
            V4Block.of("198.51.100.0/24", "documentation"),
            V4Block.of("203.0.113.0/24", "documentation"),
            V4Block.of("198.18.0.0/15", "benchmarking"),
            V4Block.of("192.88.99.0/24", "reserved"),
            V4Block.of("224.0.0.0/4", "multicast"),
            V4Block.of("255.255.255.255/32", "broadcast"),
            V4Block.of("240.0.0.0/4", "reserved"));

    private AddressClassifier() {}

    /**
     * @param address 4 (IPv4) or 16 (IPv6) address bytes
     * @return why the address is refused, or empty if it is publicly routable unicast
     */
    static Optional<String> classify(byte[] address) {
        return switch (address.length) {
            case 4 -> classifyV4(toInt(address, 0));
            case 16 -> classifyV6(address);
            default -> throw new IllegalArgumentException("not an IP address: " + address.length + " bytes");
        };
    }

    private static Optional<String> classifyV4(int address) {
        for (V4Block block : V4_BLOCKS) {
            if (block.contains(address)) {
                return Optional.of(block.reason());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> classifyV6(byte[] a) {
        int g0 = group(a, 0);
        int g1 = group(a, 1);
        int g2 = group(a, 2);

        if (zero(a, 0, 16)) {
            return Optional.of("unspecified");
        }
        if (zero(a, 0, 15) && a[15] == 1) {
            return Optional.of("loopback");
        }
        if (IpLiteralParser.isIpv4Mapped(a)) {
            // ::ffff:a.b.c.d is how a dual-stack socket reaches a.b.c.d: judge a.b.c.d.
            return wrapped("ipv4-mapped", toInt(a, 12), Optional.empty());
        }
        if (zero(a, 0, 12)) {
            // Deprecated ::a.b.c.d; never a legitimate destination, but name the worse reading.
            return wrapped("ipv4-compatible", toInt(a, 12), Optional.of("reserved"));
        }
        if (zero(a, 0, 8) && group(a, 4) == 0xffff && group(a, 5) == 0) {
            return wrapped("ipv4-translated", toInt(a, 12), Optional.of("reserved"));
        }
        if (g0 == 0x64 && g1 == 0xff9b && zero(a, 4, 12)) {
            // Well-known NAT64 prefix: the translator connects to the embedded IPv4 address.
            return wrapped("nat64", toInt(a, 12), Optional.empty());
        }
        if (g0 == 0x64 && g1 == 0xff9b && g2 == 1) {
            return Optional.of("private"); // RFC 8215 local-use NAT64
        }
        if ((a[0] & 0xff) == 0) {
            return Optional.of("reserved"); // rest of ::/8
        }
        if (g0 == 0xfd00 && g1 == 0x0ec2 && zero(a, 4, 14) && group(a, 7) == 0x254) {
            return Optional.of("cloud-metadata");
        }
        if ((a[0] & 0xfe) == 0xfc) {
            return Optional.of("private"); // fc00::/7 unique local
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80) {
            return Optional.of("link-local");
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0xc0) {
            return Optional.of("private"); // fec0::/10 deprecated site-local
        }
        if ((a[0] & 0xff) == 0xff) {
            return Optional.of("multicast");
        }
        if (g0 == 0x2002) {
            return wrapped("6to4", toInt(a, 2), Optional.empty());
        }
        if (g0 == 0x2001 && g1 == 0) {
            // Teredo: server IPv4 in bits 32-63, client IPv4 XOR-obfuscated in the last 32 bits.
            Optional<String> server = wrapped("teredo", toInt(a, 4), Optional.empty());
            return server.isPresent() ? server : wrapped("teredo", ~toInt(a, 12), Optional.empty());
        }
        if (g0 == 0x2001 && g1 == 0x0db8) {
            return Optional.of("documentation");
        }
        if (g0 == 0x3fff && (g1 & 0xf000) == 0) {
            return Optional.of("documentation"); // 3fff::/20, RFC 9637
        }
        if (g0 == 0x2001 && g1 == 0x0002 && g2 == 0) {
            return Optional.of("benchmarking");
        }
        if (g0 == 0x2001 && (g1 & 0xfff0) == 0x0010 || g0 == 0x2001 && (g1 & 0xfff0) == 0x0020) {
            return Optional.of("reserved"); // ORCHID, ORCHIDv2
        }
        if ((a[0] & 0xe0) != 0x20) {
            return Optional.of("reserved"); // outside 2000::/3, the only allocated global unicast
        }
        return Optional.empty();
    }

    /**
     * Judges an IPv4 address embedded in an IPv6 one.
     *
     * @param otherwise the reason to give when the embedded address itself is fine
     */
    private static Optional<String> wrapped(String wrapper, int embedded, Optional<String> otherwise) {
        Optional<String> inner = classifyV4(embedded);
        return inner.isPresent() ? Optional.of(wrapper + " " + inner.get()) : otherwise;
    }

    private static int group(byte[] a, int index) {
        return ((a[2 * index] & 0xff) << 8) | (a[2 * index + 1] & 0xff);
    }

    private static boolean zero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] a, int offset) {
        return ((a[offset] & 0xff) << 24)
                | ((a[offset + 1] & 0xff) << 16)
                | ((a[offset + 2] & 0xff) << 8)
                | (a[offset + 3] & 0xff);
    }
}
