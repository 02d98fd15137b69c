package app.smartcomply.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** No network: validateUrl never resolves, and the classifier works on literal bytes. */
class DestinationPolicyTest {

    private final DestinationPolicy production = new DestinationPolicy(false);
    private final DestinationPolicy dev = new DestinationPolicy(true);

    @Test
    void reportsItsMode() {
        assertThat(production.devMode()).isFalse();
        assertThat(dev.devMode()).isTrue();
    }

    @Nested
    class ValidateUrlAllows {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(
                delimiterString = " -> ",
                value = {
                    "https://example.com/webhooks -> https://example.com/webhooks",
                    "https://93.184.215.14/hook -> https://93.184.215.14/hook",
                    "https://[2606:4700::1111]/x -> https://[2606:4700::1111]/x",
                    "https://[2606:4700:4700:0:0:0:0:1111]/x -> https://[2606:4700:4700::1111]/x",
                    "HTTPS://API.Example.COM:443/Hooks -> https://api.example.com/Hooks",
                    "https://example.com -> https://example.com/",
                    "https://example.com: -> https://example.com/",
                    "https://api.example.com:8443/hooks?x=1&y=%20z -> https://api.example.com:8443/hooks?x=1&y=%20z",
                    "'  https://example.com/padded  ' -> https://example.com/padded",
                    "https://example.com./hook -> https://example.com./hook",
                    "https://bücher.example/hook -> https://xn--bcher-kva.example/hook",
                    "https://8.8.8.8:8443/x -> https://8.8.8.8:8443/x",
                    // Odd spellings of a public address are what a browser would connect to: normalized.
                    "https://0x5d.0xb8.0xd7.0x0e/hook -> https://93.184.215.14/hook",
                    "https://1572394766/hook -> https://93.184.215.14/hook",
                    "https://[::ffff:93.184.215.14]/hook -> https://[::ffff:93.184.215.14]/hook",
                    "https://[64:ff9b::5db8:d70e]/hook -> https://[64:ff9b::5db8:d70e]/hook",
                    "https://[2002:5db8:d70e::1]/hook -> https://[2002:5db8:d70e::1]/hook",
                    // A name is not resolved at save time; the connection-time check covers it.
                    "https://127.0.0.1.nip.io/hook -> https://127.0.0.1.nip.io/hook",
                })
        void publicDestinations(String url, String normalized) {
            assertThat(production.validateUrl(url)).hasToString(normalized);
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(
                delimiterString = " -> ",
                value = {
                    "http://127.0.0.1:8080/hook -> http://127.0.0.1:8080/hook",
                    "http://localhost:3000/webhooks -> http://localhost:3000/webhooks",
                    "https://10.0.0.5/ -> https://10.0.0.5/",
                    "http://[::1]:9000/ -> http://[::1]:9000/",
                    "http://2130706433/ -> http://127.0.0.1/",
                    "http://intranet/ -> http://intranet/",
                    "http://printer.local:80/ -> http://printer.local/",
                    "http://169.254.169.254/latest -> http://169.254.169.254/latest",
                })
        void localDestinationsInDevMode(String url, String normalized) {
            assertThat(dev.validateUrl(url)).hasToString(normalized);
        }
    }

    @Nested
    class ValidateUrlRefusesHost {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource({
            // loopback, in every IPv4 spelling a browser accepts
            "https://127.0.0.1/x, a loopback address",
            "https://127.255.255.254/x, a loopback address",
            "https://127.0.0.1./x, a loopback address",
            "https://2130706433/x, a loopback address",
            "https://0177.0.0.1/x, a loopback address",
            "https://0177.1/x, a loopback address",
            "https://0x7f.0.0.1/x, a loopback address",
            "https://0X7F.0.0.1/x, a loopback address",
            "https://0x7f.1/x, a loopback address",
            "https://0x7f000001/x, a loopback address",
            "https://017700000001/x, a loopback address",
            "https://127.1/x, a loopback address",
            "https://127.0.1/x, a loopback address",
            "https://１２７.０.０.１/x, a loopback address",
            // loopback in IPv6 and IPv6 wrappings of IPv4
            "https://[::1]/x, a loopback address",
            "https://[0:0:0:0:0:0:0:1]/x, a loopback address",
            "https://[::ffff:127.0.0.1]/x, an ipv4-mapped loopback address",
            "https://[::ffff:7f00:1]/x, an ipv4-mapped loopback address",
            "https://[0:0:0:0:0:ffff:127.0.0.1]/x, an ipv4-mapped loopback address",
            "https://[::127.0.0.1]/x, an ipv4-compatible loopback address",
            "https://[::ffff:0:7f00:1]/x, an ipv4-translated loopback address",
            "https://[64:ff9b::127.0.0.1]/x, a nat64 loopback address",
            "https://[2002:7f00:1::]/x, a 6to4 loopback address",
            "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x, a teredo loopback address",
            // private
            "https://10.0.0.5/x, a private address",
            "https://012.0.0.5/x, a private address",
            "https://0xa000005/x, a private address",
            "https://172.16.0.1/x, a private address",
            "https://172.31.255.255/x, a private address",
            "https://192.168.1.1/x, a private address",
            "https://[fd12:3456::1]/x, a private address",
            "https://[fc00::1]/x, a private address",
            "https://[fec0::1]/x, a private address",
            "https://[64:ff9b:1::a]/x, a private address",
            "https://[::ffff:10.1.2.3]/x, an ipv4-mapped private address",
            "https://[64:ff9b::a00:5]/x, a nat64 private address",
            "https://[2002:c0a8:101::1]/x, a 6to4 private address",
            // link-local, CGNAT
            "https://169.254.1.1/x, a link-local address",
            "https://[fe80::1]/x, a link-local address",
            "https://[febf::1]/x, a link-local address",
            "https://100.64.0.1/x, a cgnat address",
            "https://100.127.255.255/x, a cgnat address",
            // cloud metadata
            "https://169.254.169.254/latest/meta-data, a cloud-metadata address",
            "https://2852039166/latest, a cloud-metadata address",
            "https://0xa9.0xfe.0xa9.0xfe/latest, a cloud-metadata address",
            "https://0251.0376.0251.0376/latest, a cloud-metadata address",
            "https://169.254.43518/latest, a cloud-metadata address",
            "https://[fd00:ec2::254]/latest, a cloud-metadata address",
            "https://100.100.100.200/latest, a cloud-metadata address",
            "https://168.63.129.16/x, a cloud-metadata address",
            "https://[::ffff:169.254.169.254]/x, an ipv4-mapped cloud-metadata address",
            "https://[::ffff:a9fe:a9fe]/x, an ipv4-mapped cloud-metadata address",
            "https://[64:ff9b::a9fe:a9fe]/x, a nat64 cloud-metadata address",
            "https://[2002:a9fe:a9fe::1]/x, a 6to4 cloud-metadata address",
            // multicast, unspecified, broadcast
            "https://224.0.0.1/x, a multicast address",
            "https://239.255.255.250/x, a multicast address",
            "https://[ff02::1]/x, a multicast address",
            "https://0.0.0.0/x, an unspecified address",
            "https://0/x, an unspecified address",
            "https://0.1.2.3/x, an unspecified address",
            "https://[::]/x, an unspecified address",
            "https://255.255.255.255/x, a broadcast address",
            "https://4294967295/x, a broadcast address",
            // reserved, documentation, benchmarking
            "https://240.0.0.1/x, a reserved address",
            "https://192.0.0.8/x, a reserved address",
            "https://192.88.99.1/x, a reserved address",
            "https://[100::1]/x, a reserved address",
            "https://[2001:10::1]/x, a reserved address",
            "https://[4000::1]/x, a reserved address",
            "https://[::2:3:4]/x, a reserved address",
            "https://192.0.2.1/x, a documentation address",
            "https://198.51.100.7/x, a documentation address",
            "https://203.0.113.9/x, a documentation address",
            "https://[2001:db8::1]/x, a documentation address",
            "https://[3fff::1]/x, a documentation address",
            "https://198.18.0.1/x, a benchmarking address",
            "https://198.19.255.255/x, a benchmarking address",
            "https://[2001:2::1]/x, a benchmarking address",
            // local-only names
            "https://localhost/x, a loopback name",
            "https://LOCALHOST/x, a loopback name",
            "https://localhost./x, a loopback name",
            "https://foo.localhost/x, a loopback name",
            "https://a.b.localhost./x, a loopback name",
            "https://localhost.localdomain/x, a loopback name",
            "https://metadata.google.internal/computeMetadata/v1, a cloud-metadata name",
            "https://db.internal/x, a private-use name",
            "https://nas.home.arpa/x, a private-use name",
            "https://printer.local/x, a multicast-dns name",
            "https://intranet/x, a single-label name",
            "https://metadata/x, a single-label name",
        })
        void notPubliclyReachable(String url, String expectedPhrase) {
            assertThatThrownBy(() -> production.validateUrl(url))
                    .isInstanceOfSatisfying(InvalidDestinationException.class, e -> {
                        assertThat(e.code()).isEqualTo(InvalidDestinationException.URL_HOST_NOT_ALLOWED);
                        assertThat(e.getMessage())
                                .contains(" is " + expectedPhrase)
                                .contains("dev mode");
                    });
        }

        @Test
        void messageShowsCanonicalAddressForOddSpellings() {
            assertThatThrownBy(() -> production.validateUrl("https://0x7f.1/x"))
                    .hasMessageStartingWith("url host 0x7f.1 (127.0.0.1) is a loopback address;");
        }
    }

    @Nested
    class ValidateUrlRefusesSyntax {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    "   ",
                    "not a url",
                    "/relative/path",
                    "example.com/webhooks",
                    "https:example.com",
                    "https:///path",
                    "https://exa mple.com/",
                    "https://example.com/\nx",
                    "https://example.com/hook#section",
                    "https://example.com/hook#",
                    "https://example.com:0/",
                    "https://example.com:70000/",
                    "https://example.com:abc/",
                    "https://example.com:-1/",
                    "https://1.2.3.256/",
                    "https://1.2.3.4.5/",
                    "https://256.1/",
                    "https://foo.123/",
                    "https://foo.0x10/",
                    "https://09.1.1.1/",
                    "https://[::1/",
                    "https://[1::2::3]/",
                    "https://[1:2:3:4:5:6:7:8:9]/",
                    "https://[::ffff:127.0.0.01]/",
                    "https://[fe80::1%25eth0]/",
                    "https://exa_mple.com/",
                    "https://-example.com/",
                    "https://example-.com/",
                    "https://example..com/",
                    "https://%31%32%37.0.0.1/",
                    "https://example.com\\@127.0.0.1/",
                })
        void malformed(String url) {
            assertThatThrownBy(() -> production.validateUrl(url))
                    .isInstanceOfSatisfying(
                            InvalidDestinationException.class,
                            e -> assertThat(e.code()).isEqualTo(InvalidDestinationException.URL_INVALID));
        }

        @Test
        void tooLong() {
            String url = "https://example.com/" + "a".repeat(DestinationPolicy.MAX_URL_LENGTH);
            assertThatThrownBy(() -> production.validateUrl(url))
                    .isInstanceOfSatisfying(InvalidDestinationException.class, e -> {
                        assertThat(e.code()).isEqualTo(InvalidDestinationException.URL_INVALID);
                        assertThat(e.getMessage()).contains("2048");
                    });
            String justFits = "https://example.com/" + "a".repeat(DestinationPolicy.MAX_URL_LENGTH - 20);
            assertThat(production.validateUrl(justFits).toString()).hasSize(DestinationPolicy.MAX_URL_LENGTH);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "http://example.com/webhooks",
                    "ftp://example.com/webhooks",
                    "file:///etc/passwd",
                    "gopher://example.com/",
                    "javascript:alert(1)",
                    "ws://example.com/",
                })
        void schemeOtherThanHttps(String url) {
            assertThatThrownBy(() -> production.validateUrl(url))
                    .isInstanceOfSatisfying(
                            InvalidDestinationException.class,
                            e -> assertThat(e.code()).isEqualTo(InvalidDestinationException.URL_SCHEME_NOT_ALLOWED));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)"})
        void schemeOtherThanHttpInDevMode(String url) {
            assertThatThrownBy(() -> dev.validateUrl(url))
                    .isInstanceOfSatisfying(
                            InvalidDestinationException.class,
                            e -> assertThat(e.code()).isEqualTo(InvalidDestinationException.URL_SCHEME_NOT_ALLOWED));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "https://user:pass@example.com/",
                    "https://user@example.com/",
                    "https://@example.com/",
                    "https://example.com@127.0.0.1/",
                    "https://sk_live_token:@example.com/",
                })
        void credentials(String url) {
            for (DestinationPolicy policy : new DestinationPolicy[] {production, dev}) {
                assertThatThrownBy(() -> policy.validateUrl(url))
                        .isInstanceOfSatisfying(
                                InvalidDestinationException.class,
                                e -> assertThat(e.code())
                                        .isEqualTo(InvalidDestinationException.URL_CREDENTIALS_NOT_ALLOWED));
            }
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"https://example.com/hook#frag", "http://localhost/#", "http://1.2.3.256/", "http://[::1/"})
        void devModeStillRequiresWellFormedUrls(String url) {
            assertThatThrownBy(() -> dev.validateUrl(url))
                    .isInstanceOfSatisfying(
                            InvalidDestinationException.class,
                            e -> assertThat(e.code()).isEqualTo(InvalidDestinationException.URL_INVALID));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "https://user:s3cr3t@example.com/hook",
                    "https://example.com/hook?token=s3cr3t#s3cr3t",
                    "http://example.com/hook?token=s3cr3t",
                    "https://10.0.0.1/hook?token=s3cr3t",
                    "https://example.com/a b?token=s3cr3t",
                    "ftp://example.com/s3cr3t?token=s3cr3t",
                    "https://1.2.3.256/s3cr3t?token=s3cr3t",
                })
        void messagesNeverEchoSecrets(String url) {
            InvalidDestinationException e =
                    catchThrowableOfType(InvalidDestinationException.class, () -> production.validateUrl(url));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("token");
        }
    }

    @Nested
    class Classifier {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource({
            "127.0.0.1, loopback",
            "127.255.255.255, loopback",
            "10.0.0.0, private",
            "10.255.255.255, private",
            "172.16.0.0, private",
            "172.31.255.255, private",
            "192.168.0.1, private",
            "169.254.0.1, link-local",
            "169.254.255.255, link-local",
            "169.254.169.254, cloud-metadata",
            "169.254.170.2, cloud-metadata",
            "100.100.100.200, cloud-metadata",
            "168.63.129.16, cloud-metadata",
            "192.0.0.192, cloud-metadata",
            "100.64.0.0, cgnat",
            "100.127.255.255, cgnat",
            "224.0.0.0, multicast",
            "239.255.255.255, multicast",
            "0.0.0.0, unspecified",
            "0.255.255.255, unspecified",
            "255.255.255.255, broadcast",
            "240.0.0.0, reserved",
            "255.255.255.254, reserved",
            "192.0.0.0, reserved",
            "192.88.99.1, reserved",
            "192.0.2.0, documentation",
            "198.51.100.255, documentation",
            "203.0.113.1, documentation",
            "198.18.0.0, benchmarking",
            "198.19.255.255, benchmarking",
            "::, unspecified",
            "::1, loopback",
            "::ffff:127.0.0.1, ipv4-mapped loopback",
            "::ffff:10.0.0.1, ipv4-mapped private",
            "::ffff:169.254.169.254, ipv4-mapped cloud-metadata",
            "::ffff:100.64.0.1, ipv4-mapped cgnat",
            "::ffff:0.0.0.0, ipv4-mapped unspecified",
            "::127.0.0.1, ipv4-compatible loopback",
            "::8.8.8.8, reserved",
            "::ffff:0:127.0.0.1, ipv4-translated loopback",
            "64:ff9b::127.0.0.1, nat64 loopback",
            "64:ff9b::192.168.0.1, nat64 private",
            "64:ff9b:1::1, private",
            "2002:7f00:1::1, 6to4 loopback",
            "2002:a00:1::, 6to4 private",
            "2001:0:4136:e378:8000:63bf:80ff:fffe, teredo loopback",
            "2001:0:7f00:1::1, teredo loopback",
            "fd00:ec2::254, cloud-metadata",
            "fd00:ec2::253, private",
            "fc00::, private",
            "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, private",
            "fe80::1, link-local",
            "febf:ffff::1, link-local",
            "fec0::1, private",
            "ff02::1, multicast",
            "ff0e::1, multicast",
            "2001:db8::1, documentation",
            "3fff::1, documentation",
            "3fff:fff::1, documentation",
            "2001:2::1, benchmarking",
            "2001:10::1, reserved",
            "2001:20::1, reserved",
            "100::1, reserved",
            "4000::1, reserved",
            "1000::1, reserved",
            "e000::1, reserved",
        })
        void refused(String literal, String reason) throws UnknownHostException {
            assertThat(DestinationPolicy.forbiddenReason(address(literal))).contains(reason);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "93.184.215.14",
                    "8.8.8.8",
                    "1.1.1.1",
                    "11.0.0.1",
                    "172.15.255.255",
                    "172.32.0.0",
                    "192.167.255.255",
                    "192.169.0.0",
                    "169.253.255.255",
                    "169.255.0.0",
                    "100.63.255.255",
                    "100.128.0.0",
                    "198.17.255.255",
                    "198.20.0.0",
                    "223.255.255.255",
                    "1.0.0.0",
                    "192.0.1.1",
                    "192.0.3.1",
                    "203.0.114.1",
                    "126.255.255.255",
                    "128.0.0.0",
                    "2606:4700::1111",
                    "2a00:1450:4001:80b::200e",
                    "2001:4860:4860::8888",
                    "2000::1",
                    "3ffe::1",
                    "3fff:1000::1",
                    "::ffff:93.184.215.14",
                    "64:ff9b::5db8:d70e",
                    "2002:5db8:d70e::1",
                    "2001:0:4136:e378:8000:63bf:a247:28f1",
                    "2001:3::1",
                    "2001:4:112::1",
                    "2001:1::1",
                })
        void publiclyRoutable(String literal) throws UnknownHostException {
            assertThat(DestinationPolicy.forbiddenReason(address(literal))).isEmpty();
        }

        @Test
        void worksOnJdkAddressesToo() throws UnknownHostException {
            // InetAddress.getByAddress turns an IPv4-mapped address into Inet4Address: still refused.
            byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
            assertThat(DestinationPolicy.forbiddenReason(InetAddress.getByAddress(mapped)))
                    .contains("loopback");
            assertThat(DestinationPolicy.forbiddenReason(InetAddress.getLoopbackAddress()))
                    .contains("loopback");
            assertThat(DestinationPolicy.forbiddenReason(InetAddress.getByAddress(new byte[] {8, 8, 8, 8})))
                    .isEmpty();
        }

        /** An address exactly as written, IPv6 form preserved; no DNS. */
        private static InetAddress address(String literal) throws UnknownHostException {
            if (literal.indexOf(':') < 0) {
                return InetAddress.getByAddress(IpLiteralParser.parseIpv4(literal));
            }
            return Inet6Address.getByAddress(null, IpLiteralParser.parseIpv6(literal), -1);
        }
    }

    @Nested
    class ConnectionTimeChecks {

        @Test
        void checkResolvedExplainsTheRefusal() throws UnknownHostException {
            InetAddress privateAddress = InetAddress.getByAddress(new byte[] {10, 0, 0, 5});
            ForbiddenDestinationException e = catchThrowableOfType(
                    ForbiddenDestinationException.class,
                    () -> production.checkResolved("api.example.com", privateAddress));
            assertThat(e)
                    .hasMessage(
                            "refused: api.example.com resolves to 10.0.0.5, a private address (SSRF guard; allowed only in dev mode)");
            assertThat(e.host()).isEqualTo("api.example.com");
            assertThat(e.address()).contains(privateAddress);
            assertThat(e.reason()).isEqualTo("private");
            assertThat(e).isInstanceOf(UnknownHostException.class);
        }

        @Test
        void checkResolvedAllowsPublicAddressesAndEverythingInDevMode() throws UnknownHostException {
            InetAddress publicAddress = InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 215, 14});
            assertThatCode(() -> production.checkResolved("example.com", publicAddress))
                    .doesNotThrowAnyException();
            assertThatCode(() -> dev.checkResolved("localhost", InetAddress.getLoopbackAddress()))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiterString = " => ",
                value = {
                    "127.0.0.1 => refused: 127.0.0.1 is a loopback address (SSRF guard; allowed only in dev mode)",
                    "[::1] => refused: ::1 is a loopback address (SSRF guard; allowed only in dev mode)",
                    "::1 => refused: ::1 is a loopback address (SSRF guard; allowed only in dev mode)",
                    "2130706433 => refused: 2130706433 resolves to 127.0.0.1, a loopback address (SSRF guard; allowed only in dev mode)",
                    "[::ffff:7f00:1] => refused: [::ffff:7f00:1] resolves to ::ffff:127.0.0.1, an ipv4-mapped loopback address (SSRF guard; allowed only in dev mode)",
                    "localhost. => refused: localhost. is a loopback name (SSRF guard; allowed only in dev mode)",
                    "Foo.LOCALHOST => refused: Foo.LOCALHOST is a loopback name (SSRF guard; allowed only in dev mode)",
                })
        void checkHostRefusesLiteralsAndLocalNamesBeforeAnyLookup(String host, String message) {
            assertThatThrownBy(() -> production.checkHost(host))
                    .isInstanceOf(ForbiddenDestinationException.class)
                    .hasMessage(message);
        }

        @Test
        void checkHostReturnsLiteralsAndLeavesNamesToTheResolver() throws UnknownHostException {
            assertThat(production.checkHost("example.com")).isEmpty();
            assertThat(production.checkHost("0x5d.0xb8.0xd7.0x0e"))
                    .get()
                    .extracting(InetAddress::getHostAddress)
                    .isEqualTo("93.184.215.14");
            // The IPv4-mapped form is handed back as plain IPv4: it connects on any IP stack.
            assertThat(dev.checkHost("[::ffff:127.0.0.1]"))
                    .get()
                    .isInstanceOf(Inet4Address.class)
                    .extracting(InetAddress::getHostAddress)
                    .isEqualTo("127.0.0.1");
            assertThat(dev.checkHost("localhost")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.2.3.256", "foo.0x", "[::1", "1::2::3", "fe80::1%eth0", "exa_mple.com", ""})
        void checkHostRejectsInvalidHostsInAnyMode(String host) {
            for (DestinationPolicy policy : new DestinationPolicy[] {production, dev}) {
                assertThatThrownBy(() -> policy.checkHost(host))
                        .isInstanceOf(UnknownHostException.class)
                        .isNotInstanceOf(ForbiddenDestinationException.class);
            }
        }
    }

    @Nested
    class IpLiterals {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "::",
                    "::1",
                    "1::",
                    "1:2:3:4:5:6:7:8",
                    "1::8",
                    "2606:4700::1111",
                    "fe80::1:2",
                    "::ffff:127.0.0.1",
                    "::ffff:7f00:1",
                    "64:ff9b::192.0.2.33",
                    "1:2:3:4:5:6:1.2.3.4",
                    "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789",
                    "0:0:0:0:0:0:0:0",
                    "::0:1",
                })
        void ipv6AgreesWithTheJdk(String text) throws UnknownHostException {
            byte[] jdk = InetAddress.getByName("[" + text + "]").getAddress();
            byte[] ours = IpLiteralParser.parseIpv6(text.toLowerCase(Locale.ROOT));
            assertThat(ours).isNotNull();
            // The JDK shortens IPv4-mapped addresses to 4 bytes; compare the IPv4 part then.
            assertThat(jdk.length == 4 ? Arrays.copyOfRange(ours, 12, 16) : ours)
                    .isEqualTo(jdk);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    ":",
                    ":::",
                    "1:2:3:4:5:6:7:8:9",
                    "1::2::3",
                    "12345::",
                    "1:",
                    ":1",
                    "g::1",
                    "1:2:3:4:5:6:7:1.2.3.4",
                    "::1.2.3",
                    "::1.2.3.4.5",
                    "::01.2.3.4",
                    "::256.1.1.1",
                    "1.2.3.4",
                    "::ffff:0x7f.1",
                })
        void invalidIpv6(String text) {
            assertThat(IpLiteralParser.parseIpv6(text)).isNull();
        }

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "2130706433, 127.0.0.1",
            "0177.0.0.1, 127.0.0.1",
            "0x7f.0.0.1, 127.0.0.1",
            "0x7F.1, 127.0.0.1",
            "127.1, 127.0.0.1",
            "127.0.1, 127.0.0.1",
            "127.0.0.1., 127.0.0.1",
            "0x, 0.0.0.0",
            "00, 0.0.0.0",
            "0x0.0x0.0x0.0x1, 0.0.0.1",
            "4294967295, 255.255.255.255",
            "1.16777215, 1.255.255.255",
            "1.2.65535, 1.2.255.255",
        })
        void ipv4SpellingsOfTheUrlStandard(String text, String canonical) {
            assertThat(IpLiteralParser.format(IpLiteralParser.parseIpv4(text))).isEqualTo(canonical);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "4294967296",
                    "1.2.3.256",
                    "1.16777216",
                    "256.1",
                    "1.2.3.4.5",
                    "1..2",
                    "08.1.1.1",
                    "0x1g.1",
                    ".1.2.3",
                    "1.2.3.4.."
                })
        void invalidIpv4(String text) {
            assertThat(IpLiteralParser.parseIpv4(text)).isNull();
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "0:0:0:0:0:0:0:1, ::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "0:0:0:0:0:ffff:7f00:1, ::ffff:127.0.0.1",
            "fe80:0:0:0:0:0:0:0, fe80::",
        })
        void ipv6IsFormattedPerRfc5952(String text, String canonical) {
            assertThat(IpLiteralParser.format(IpLiteralParser.parseIpv6(text))).isEqualTo(canonical);
        }
    }
}
