package app.smartcomply.webhooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.endpoint.ForbiddenDestinationException;
import app.smartcomply.webhooks.endpoint.InvalidDestinationException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the SSRF guard over generated addresses: every address in a loopback, private,
 * link-local, unspecified or shared (CGNAT) range, in any spelling the URL Standard's IPv4 parser
 * or RFC 4291 text accepts, is refused in production mode — at save time and at connect time; a
 * public address in any spelling is allowed and saved in its one canonical form.
 */
class DestinationPolicyPropertiesTest {

    /** A host spelling and the four or sixteen bytes it must mean. */
    record Spelled(String host, byte[] address) {
        @Override
        public String toString() {
            return host;
        }
    }

    private static final int SAMPLES = 400;
    private static final DestinationPolicy PRODUCTION = new DestinationPolicy(false);

    /** (network, prefix length) of IPv4 blocks that must never be a destination. */
    private static final int[][] LOCAL_V4 = {
        {ip(127, 0, 0, 0), 8},
        {ip(10, 0, 0, 0), 8},
        {ip(172, 16, 0, 0), 12},
        {ip(192, 168, 0, 0), 16},
        {ip(169, 254, 0, 0), 16},
        {ip(0, 0, 0, 0), 8},
        {ip(100, 64, 0, 0), 10}
    };

    /** Blocks of ordinary public unicast addresses (CDNs and public resolvers). */
    private static final int[][] PUBLIC_V4 = {
        {ip(8, 0, 0, 0), 7},
        {ip(23, 0, 0, 0), 8},
        {ip(34, 0, 0, 0), 7},
        {ip(93, 184, 0, 0), 16},
        {ip(104, 16, 0, 0), 12},
        {ip(151, 101, 0, 0), 16},
        {ip(185, 199, 108, 0), 22}
    };

    static Stream<Named<Spelled>> localIpv4() {
        return Samples.of(
                SAMPLES, random -> spellIpv4(random, inBlock(random, Samples.pick(random, List.of(LOCAL_V4)))));
    }

    static Stream<Named<Spelled>> localIpv6() {
        return Samples.of(SAMPLES, random -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            switch (random.nextInt(5)) {
                case 0 -> { // ::1
                    bytes = new byte[16];
                    bytes[15] = 1;
                }
                case 1 -> { // fe80::/10 link-local
                    bytes[0] = (byte) 0xfe;
                    bytes[1] = (byte) (0x80 | (bytes[1] & 0x3f));
                }
                case 2 -> bytes[0] = (byte) (0xfc | (bytes[0] & 1)); // fc00::/7 unique local
                default -> { // IPv4-mapped local address
                    bytes = new byte[16];
                    bytes[10] = (byte) 0xff;
                    bytes[11] = (byte) 0xff;
                    int v4 = inBlock(random, Samples.pick(random, List.of(LOCAL_V4)));
                    for (int i = 0; i < 4; i++) {
                        bytes[12 + i] = (byte) (v4 >>> (24 - 8 * i));
                    }
                }
            }
            return new Spelled(spellIpv6(random, bytes), bytes);
        });
    }

    static Stream<Named<Spelled>> publicIpv4() {
        return Samples.of(
                SAMPLES, random -> spellIpv4(random, inBlock(random, Samples.pick(random, List.of(PUBLIC_V4)))));
    }

    static Stream<Named<Spelled>> publicIpv6() {
        return Samples.of(SAMPLES, random -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            int[] prefix = Samples.pick(
                    random,
                    List.of(new int[] {0x2606, 0x4700}, new int[] {0x2a00, 0x1450}, new int[] {0x2001, 0x4860}));
            bytes[0] = (byte) (prefix[0] >>> 8);
            bytes[1] = (byte) prefix[0];
            bytes[2] = (byte) (prefix[1] >>> 8);
            bytes[3] = (byte) prefix[1];
            return new Spelled(spellIpv6(random, bytes), bytes);
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource({"localIpv4", "localIpv6"})
    void everyLocalAddressInAnySpellingIsRefused(Spelled local) {
        String url = "https://" + (local.address().length == 16 ? "[" + local.host() + "]" : local.host()) + "/hook";

        Throwable atSave = catchThrowable(() -> PRODUCTION.validateUrl(url));
        assertThat(atSave).as(url).isInstanceOf(InvalidDestinationException.class);
        assertThat(((InvalidDestinationException) atSave).code())
                .as(url + ": " + atSave.getMessage())
                .isEqualTo(InvalidDestinationException.URL_HOST_NOT_ALLOWED);

        Throwable atConnect = catchThrowable(() -> PRODUCTION.checkHost(local.host()));
        assertThat(atConnect).as(local.host()).isInstanceOf(ForbiddenDestinationException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource({"publicIpv4", "publicIpv6"})
    void everyPublicAddressInAnySpellingIsAllowedInItsCanonicalForm(Spelled publicAddress) throws Exception {
        boolean v6 = publicAddress.address().length == 16;
        String url = "https://" + (v6 ? "[" + publicAddress.host() + "]" : publicAddress.host()) + "/hook";

        URI saved = PRODUCTION.validateUrl(url);

        String host = saved.getHost();
        InetAddress expected = InetAddress.getByAddress(publicAddress.address());
        assertThat(InetAddress.getByAddress(literalBytes(host)))
                .as(url + " -> " + saved)
                .isEqualTo(expected);
        if (!v6) {
            assertThat(host).as(url).isEqualTo(expected.getHostAddress());
        }
        assertThat(saved.getPath()).isEqualTo("/hook");
        assertThat(PRODUCTION.checkHost(publicAddress.host()))
                .as(publicAddress.host())
                .map(InetAddress::getAddress)
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(expected.getAddress()));
    }

    // --- generators ---------------------------------------------------------------------------

    /** Any spelling of an IPv4 address the URL Standard accepts: 1–4 parts, each dec/oct/hex. */
    private static Spelled spellIpv4(Random random, int address) {
        int parts = 1 + random.nextInt(4);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < parts - 1; i++) {
            values.add((long) (address >>> (24 - 8 * i)) & 0xff);
        }
        int restBits = 32 - 8 * (parts - 1);
        values.add(restBits == 32 ? address & 0xffffffffL : (address & ((1L << restBits) - 1)));
        List<String> written = new ArrayList<>();
        for (long value : values) {
            written.add(
                    switch (random.nextInt(4)) {
                        case 0 -> "0" + Long.toOctalString(value);
                        case 1 -> "0x" + Long.toHexString(value);
                        case 2 -> "0X" + Long.toHexString(value).toUpperCase(Locale.ROOT);
                        default -> Long.toString(value);
                    });
        }
        String host = String.join(".", written) + (random.nextInt(5) == 0 ? "." : "");
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        return new Spelled(host, bytes);
    }

    /** RFC 4291 text: full or compressed, any case, leading zeros or not, IPv4 tail when mapped. */
    private static String spellIpv6(Random random, byte[] bytes) {
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = ((bytes[2 * g] & 0xff) << 8) | (bytes[2 * g + 1] & 0xff);
        }
        boolean dottedTail = groups[5] == 0xffff && groups[0] == 0 && groups[4] == 0 && random.nextBoolean();
        List<String> written = new ArrayList<>();
        int count = dottedTail ? 6 : 8;
        for (int g = 0; g < count; g++) {
            String hex = Integer.toHexString(groups[g]);
            if (random.nextInt(3) == 0) {
                hex = "0".repeat(4 - hex.length()) + hex;
            }
            written.add(random.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex);
        }
        if (dottedTail) {
            written.add((bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "."
                    + (bytes[15] & 0xff));
        }
        // Compress one run of zero groups (not necessarily the longest: any single run is valid text).
        List<int[]> runs = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            if (groups[g] == 0) {
                int start = g;
                while (g < count && groups[g] == 0) {
                    g++;
                }
                runs.add(new int[] {start, g});
            }
        }
        if (runs.isEmpty() || random.nextInt(4) == 0) {
            return String.join(":", written);
        }
        int[] run = Samples.pick(random, runs);
        String head = String.join(":", written.subList(0, run[0]));
        String tail = String.join(":", written.subList(run[1], written.size()));
        return head + "::" + tail;
    }

    private static int inBlock(Random random, int[] block) {
        int mask = block[1] == 0 ? 0 : -1 << (32 - block[1]);
        return (block[0] & mask) | (random.nextInt() & ~mask);
    }

    private static int ip(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** The bytes of an IP literal (brackets allowed); never a DNS lookup. */
    private static byte[] literalBytes(String host) throws Exception {
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        assertThat(literal).as("a literal, not a name").matches("[0-9a-fA-F:.]+");
        return InetAddress.getByName(literal).getAddress();
    }
}
