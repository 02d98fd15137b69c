package app.smartcomply.webhooks.endpoint;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where webhooks may be sent: the service's SSRF guard.
 *
 * <p>Customers choose the URLs this service POSTs to, so without a guard they could make it talk
 * to its own admin ports, the database, the cloud metadata service or anything else on the
 * private network. The guard works at two moments:
 * <ol>
 *   <li><b>When an endpoint is saved</b> — {@link #validateUrl(String)}: syntax, scheme,
 *       credentials, and hosts that are refused on their face (IP literals in any spelling,
 *       local-only names). No DNS lookup: a customer may register before their DNS exists, and
 *       a lookup now proves nothing about the lookup at send time.</li>
 *   <li><b>On every connection</b> — {@link #checkHost(String)} before the lookup and
 *       {@link #checkResolved(String, InetAddress)} for every address the lookup returns, called
 *       from the HTTP client's DNS hook so the addresses checked are exactly the addresses
 *       connected to. That defeats DNS rebinding and names that point at private addresses.</li>
 * </ol>
 *
 * <p>In dev mode ({@code ./webhooks serve --dev}) {@code http://} and local destinations are
 * allowed; URLs must still be well-formed and free of credentials.
 *
 * <p>Host names refused outside dev mode (no public endpoint can have them):
 * {@code localhost}, {@code *.localhost}, {@code *.localdomain} ("loopback name", RFC 6761);
 * {@code metadata.google.internal} ("cloud-metadata name"); {@code *.internal} and
 * {@code *.home.arpa} ("private-use name", reserved for private networks); {@code *.local}
 * ("multicast-dns name", resolved on the local link only); and single-label names such as
 * {@code intranet} or {@code metadata} ("single-label name", which only resolve through local
 * search domains or hosts files). Addresses refused: everything that is not publicly routable
 * unicast, in any IPv4 or IPv6 spelling (see {@link #forbiddenReason(InetAddress)}; the ranges
 * and the reasoning behind each are listed on the package-private {@code AddressClassifier}).
 *
 * <p>Thread-safe and immutable.
 */
public final class DestinationPolicy {

    /** Longest URL accepted, in characters, before and after normalization. */
    public static final int MAX_URL_LENGTH = 2048;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final String GUARD_SUFFIX = " (SSRF guard; allowed only in dev mode)";

    private final boolean devMode;

    /** @param devMode allow {@code http://} and local destinations (development and tests only) */
    public DestinationPolicy(boolean devMode) {
        this.devMode = devMode;
    }

    /** Whether {@code http://} and local destinations are allowed. */
    public boolean devMode() {
        return devMode;
    }

    /**
     * Checks an endpoint URL that is about to be saved and returns its normalized form.
     *
     * <p>Requires: non-blank (surrounding whitespace is ignored), at most {@value #MAX_URL_LENGTH}
     * characters, an absolute {@code https} URL ({@code http} too in dev mode) with a host, no
     * user-info, no fragment, a port in 1–65535 if given. The host must be a valid DNS name
     * (internationalized names are converted to punycode) or an IP literal. IPv4 literals are
     * recognised in every spelling a browser accepts ({@code 2130706433}, {@code 0177.0.0.1},
     * {@code 0x7f.1}, {@code 127.1}, trailing dot), and a host whose last label is numeric must
     * be a valid IPv4 address. Outside dev mode the host must not be a refused address or name
     * (see the class comment). DNS is not consulted.
     *
     * <p>Normalization: lower-case scheme and host, punycode host, canonical IP text
     * ({@code http://0x7f.1} would become {@code http://127.0.0.1}), default port dropped, empty
     * path becomes {@code /}; path and query are kept byte for byte.
     *
     * @param url the URL as the customer typed it; may be {@code null}
     * @return the normalized URL to store and deliver to
     * @throws InvalidDestinationException with code {@code url_invalid},
     *     {@code url_scheme_not_allowed}, {@code url_credentials_not_allowed} or
     *     {@code url_host_not_allowed}; the message never contains the path, query, fragment or
     *     credentials
     */
    public URI validateUrl(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("url is required");
        }
        String text = url.strip();
        if (text.length() > MAX_URL_LENGTH) {
            throw invalid("url must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // e.getMessage() quotes the input, which may contain tokens: not echoed.
            throw invalid("url is not a valid URL (check for spaces or characters that must be percent-encoded)");
        }
        if (!uri.isAbsolute()) {
            throw invalid("url must be an absolute URL such as https://example.com/webhooks");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidDestinationException(
                    InvalidDestinationException.URL_SCHEME_NOT_ALLOWED,
                    "url scheme must be https" + (devMode ? " or http" : ""));
        }
        if (scheme.equals("http") && !devMode) {
            throw new InvalidDestinationException(
                    InvalidDestinationException.URL_SCHEME_NOT_ALLOWED,
                    "url must use https (http is allowed only in dev mode)");
        }
        if (uri.isOpaque()) {
            throw invalid("url must be an absolute URL such as https://example.com/webhooks");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw invalid("url must include a host");
        }
        if (uri.getRawUserInfo() != null || authority.indexOf('@') >= 0) {
            throw new InvalidDestinationException(
                    InvalidDestinationException.URL_CREDENTIALS_NOT_ALLOWED,
                    "url must not contain credentials (user:password@);"
                            + " deliveries are authenticated by the endpoint's signing secret");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("url must not contain a fragment (#...)");
        }

        int hostEnd = hostEnd(authority);
        String rawHost = authority.substring(0, hostEnd);
        int port = parsePort(authority.substring(hostEnd));
        Host host;
        try {
            host = Host.parse(rawHost);
        } catch (HostSyntaxException e) {
            throw invalid("url host " + e.getMessage());
        }
        if (!devMode) {
            Optional<String> reason =
                    host.isIp() ? AddressClassifier.classify(host.ip()) : LocalHostNames.reason(host.ascii());
            if (reason.isPresent()) {
                String what = withArticle(reason.get()) + (host.isIp() ? " address" : "");
                throw new InvalidDestinationException(
                        InvalidDestinationException.URL_HOST_NOT_ALLOWED,
                        "url host " + host.describe(rawHost) + " is " + what
                                + "; webhook endpoints must be publicly reachable (local targets are allowed only in dev mode)");
            }
        }

        StringBuilder normalized = new StringBuilder(scheme).append("://").append(host.urlText());
        if (port != -1 && port != (scheme.equals("https") ? 443 : 80)) {
            normalized.append(':').append(port);
        }
        String path = uri.getRawPath();
        normalized.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            normalized.append('?').append(uri.getRawQuery());
        }
        if (normalized.length() > MAX_URL_LENGTH) {
            throw invalid("url must be at most " + MAX_URL_LENGTH + " characters (after converting the host to ASCII)");
        }
        try {
            return new URI(normalized.toString());
        } catch (URISyntaxException e) {
            throw invalid("url is not a valid URL");
        }
    }

    /**
     * Connection-time check of a host <em>before</em> any DNS lookup, for the HTTP client's DNS
     * hook.
     *
     * <p>If the host is an IP literal in any spelling (with or without IPv6 brackets), it is
     * checked like a resolved address and returned, and the caller must connect to that address
     * instead of asking a resolver (system resolvers disagree about odd spellings). If it is a
     * name, local-only names are refused outside dev mode and empty is returned: resolve it, then
     * pass every address to {@link #checkResolved(String, InetAddress)}.
     *
     * @param host the host as the HTTP client names it
     * @return the address if {@code host} is an IP literal, else empty
     * @throws ForbiddenDestinationException outside dev mode, if the literal or name is refused
     * @throws UnknownHostException if the host is syntactically invalid (e.g. {@code 1.2.3.256})
     */
    public Optional<InetAddress> checkHost(String host) throws UnknownHostException {
        Host parsed;
        try {
            parsed = Host.parse(host);
        } catch (HostSyntaxException e) {
            throw new UnknownHostException("invalid host " + host + ": it " + e.getMessage());
        }
        if (parsed.isIp()) {
            if (!devMode) {
                Optional<String> reason = AddressClassifier.classify(parsed.ip());
                if (reason.isPresent()) {
                    throw refused(host, asExactAddress(parsed.ip()), reason.get());
                }
            }
            // getByAddress turns ::ffff:a.b.c.d into a.b.c.d: the form that connects on any stack.
            return Optional.of(InetAddress.getByAddress(host, parsed.ip()));
        }
        if (!devMode) {
            Optional<String> reason = LocalHostNames.reason(parsed.ascii());
            if (reason.isPresent()) {
                throw new ForbiddenDestinationException(
                        host,
                        null,
                        reason.get(),
                        "refused: " + host + " is " + withArticle(reason.get()) + GUARD_SUFFIX);
            }
        }
        return Optional.empty();
    }

    /**
     * Connection-time check of one address that {@code host} resolved to. Does nothing in dev
     * mode.
     *
     * @param host the host that was resolved (used in the message only)
     * @param address one of its addresses
     * @throws ForbiddenDestinationException if the address is refused; the message reads e.g.
     *     "refused: api.example.com resolves to 10.0.0.5, a private address (SSRF guard; allowed
     *     only in dev mode)"
     */
    public void checkResolved(String host, InetAddress address) throws ForbiddenDestinationException {
        if (devMode) {
            return;
        }
        Optional<String> reason = forbiddenReason(address);
        if (reason.isPresent()) {
            throw refused(host, address, reason.get());
        }
    }

    /**
     * Classifies an address, regardless of dev mode.
     *
     * @return why webhooks must not be sent to {@code address} — "loopback", "private",
     *     "link-local", "cgnat", "multicast", "broadcast", "unspecified", "cloud-metadata",
     *     "documentation", "benchmarking", "reserved", or an IPv6 wrapping of an IPv4 reason such
     *     as "ipv4-mapped loopback", "nat64 private", "6to4 cloud-metadata" — or empty if it is
     *     publicly routable unicast
     */
    public static Optional<String> forbiddenReason(InetAddress address) {
        return AddressClassifier.classify(address.getAddress());
    }

    private static ForbiddenDestinationException refused(String host, InetAddress address, String reason) {
        String addressText = IpLiteralParser.format(address.getAddress());
        String named = stripBrackets(host).toLowerCase(Locale.ROOT);
        String subject = named.equals(addressText) ? addressText + " is " : host + " resolves to " + addressText + ", ";
        return new ForbiddenDestinationException(
                host, address, reason, "refused: " + subject + withArticle(reason) + " address" + GUARD_SUFFIX);
    }

    /** End of the host part of a raw authority (user-info already excluded). */
    private static int hostEnd(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority.length() : close + 1;
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority.length() : colon;
    }

    /** @param portPart "" or ":digits" */
    private static int parsePort(String portPart) {
        if (portPart.isEmpty() || portPart.equals(":")) {
            return -1;
        }
        String digits = portPart.substring(1);
        if (portPart.charAt(0) != ':' || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid("url port must be a number between 1 and 65535");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw invalid("url port must be a number between 1 and 65535");
        }
        return port;
    }

    /** An address that keeps its IPv6 form (so ::ffff:127.0.0.1 is reported as such). */
    private static InetAddress asExactAddress(byte[] ip) throws UnknownHostException {
        return ip.length == 16 ? Inet6Address.getByAddress(null, ip, -1) : InetAddress.getByAddress(ip);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String withArticle(String phrase) {
        return ("aeiou".indexOf(phrase.charAt(0)) >= 0 ? "an " : "a ") + phrase;
    }

    private static InvalidDestinationException invalid(String message) {
        return new InvalidDestinationException(InvalidDestinationException.URL_INVALID, message);
    }

    /** A host that failed syntax checks; the message completes "url host ...". */
    private static final class HostSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        HostSyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A syntactically valid host: an IP address ({@code ip} non-null) or a lower-case ASCII DNS
     * name.
     */
    private record Host(String ascii, byte[] ip) {

        static Host parse(String raw) throws HostSyntaxException {
            if (raw == null || raw.isEmpty()) {
                throw new HostSyntaxException("is missing");
            }
            if (raw.startsWith("[") || raw.indexOf(':') >= 0) {
                // IPv6 literal; the HTTP client may hand it over with or without brackets.
                String inner = raw;
                if (raw.startsWith("[")) {
                    if (!raw.endsWith("]")) {
                        throw new HostSyntaxException("is not a valid IPv6 address");
                    }
                    inner = raw.substring(1, raw.length() - 1);
                }
                if (inner.indexOf('%') >= 0) {
                    throw new HostSyntaxException("must not contain an IPv6 zone identifier");
                }
                byte[] ip = IpLiteralParser.parseIpv6(inner.toLowerCase(Locale.ROOT));
                if (ip == null) {
                    throw new HostSyntaxException("is not a valid IPv6 address");
                }
                return new Host(IpLiteralParser.format(ip), ip);
            }
            if (raw.indexOf('%') >= 0) {
                // Percent-encoded hosts decode differently in different clients: refuse them.
                throw new HostSyntaxException("must not be percent-encoded");
            }
            String ascii = toAscii(raw);
            // Must follow IDNA: fullwidth "１２７．０．０．１" becomes "127.0.0.1" only now.
            if (IpLiteralParser.endsInNumber(ascii)) {
                byte[] ip = IpLiteralParser.parseIpv4(ascii);
                if (ip == null) {
                    throw new HostSyntaxException("ends in a number but is not a valid IPv4 address");
                }
                return new Host(IpLiteralParser.format(ip), ip);
            }
            String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
            if (name.isEmpty() || name.length() > 253) {
                throw new HostSyntaxException("is not a valid DNS name");
            }
            for (String label : name.split("\\.", -1)) {
                if (!DNS_LABEL.matcher(label).matches()) {
                    throw new HostSyntaxException("is not a valid DNS name (letters, digits, hyphens and dots only)");
                }
            }
            return new Host(ascii, null);
        }

        private static String toAscii(String raw) throws HostSyntaxException {
            String lower = raw.toLowerCase(Locale.ROOT);
            if (lower.chars().allMatch(c -> c < 0x80)) {
                return lower;
            }
            try {
                return IDN.toASCII(lower).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new HostSyntaxException("is not a valid internationalized domain name");
            }
        }

        boolean isIp() {
            return ip != null;
        }

        /** Host as it goes into the normalized URL. */
        String urlText() {
            return ip != null && ip.length == 16 ? "[" + ascii + "]" : ascii;
        }

        /** Host for messages: the canonical form, plus the customer's spelling if it differs. */
        String describe(String raw) {
            String canonical = urlText();
            return raw.equalsIgnoreCase(canonical) ? canonical : raw + " (" + canonical + ")";
        }
    }
}
