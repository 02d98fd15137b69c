package app.smartcomply.webhooks.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How deliveries leave the service, from {@code webhooks.egress.proxy} ({@code
 * WEBHOOKS_EGRESS_PROXY}, default none) and {@code webhooks.egress.ips} ({@code
 * WEBHOOKS_EGRESS_IPS}, default none). Both are checked at start: a wrong value stops the service
 * with a message naming the variable, rather than sending deliveries around the proxy or
 * publishing addresses customers cannot use.
 *
 * <p>The proxy is trusted by the operator: the destination policy checks each delivery's
 * destination, never the proxy's own address (which is usually private).
 */
@Component
public final class EgressSettings {

    /** IP literals only (a dotted quad, or hex and colons), so that parsing one never looks up DNS. */
    private static final Pattern IP_LITERAL =
            Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

    private final Optional<URI> proxy;
    private final List<String> ips;

    EgressSettings(@Value("${webhooks.egress.proxy:}") String proxy, @Value("${webhooks.egress.ips:}") String ips) {
        this.proxy = proxy.isBlank() ? Optional.empty() : Optional.of(proxy(proxy.trim()));
        this.ips = ips(ips);
    }

    /** The CONNECT proxy every delivery goes through ({@code http://host:port}), if one is set. */
    public Optional<URI> proxy() {
        return proxy;
    }

    /** The addresses deliveries come from, as the operator gave them (canonical text), for customers' allowlists. */
    public List<String> ips() {
        return ips;
    }

    private static URI proxy(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalidProxy();
        }
        boolean plain = "http".equalsIgnoreCase(uri.getScheme())
                && uri.getHost() != null
                && uri.getPort() > 0
                && uri.getRawUserInfo() == null
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && (uri.getRawPath() == null
                        || uri.getRawPath().isEmpty()
                        || uri.getRawPath().equals("/"));
        if (!plain) {
            throw invalidProxy();
        }
        return URI.create("http://" + uri.getRawAuthority());
    }

    private static IllegalStateException invalidProxy() {
        return new IllegalStateException("WEBHOOKS_EGRESS_PROXY must be http://host:port, the address of an HTTP"
                + " CONNECT proxy (no path, credentials or query).");
    }

    private static List<String> ips(String text) {
        List<String> ips = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                ips.add(ipOrCidr(item.trim()));
            }
        }
        return List.copyOf(ips);
    }

    /** The canonical text of an IP address or CIDR block. */
    private static String ipOrCidr(String item) {
        int slash = item.indexOf('/');
        String address = slash < 0 ? item : item.substring(0, slash);
        if (!IP_LITERAL.matcher(address).matches() || outOfRangeOctet(address)) {
            throw invalidIp(item);
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw invalidIp(item);
        }
        if (slash < 0) {
            return parsed.getHostAddress();
        }
        int bits = parsed.getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(item.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw invalidIp(item);
        }
        if (prefix < 0 || prefix > bits) {
            throw invalidIp(item);
        }
        return parsed.getHostAddress() + "/" + prefix;
    }

    /** A dotted quad with a part over 255, which InetAddress would take for a host name and look up. */
    private static boolean outOfRangeOctet(String address) {
        return address.indexOf(':') < 0
                && java.util.Arrays.stream(address.split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255);
    }

    private static IllegalStateException invalidIp(String item) {
        String shown = item.length() > 60 ? item.substring(0, 60) + "…" : item;
        return new IllegalStateException("WEBHOOKS_EGRESS_IPS must be a comma-separated list of IP addresses or CIDR"
                + " blocks (203.0.113.7, 198.51.100.0/28, 2001:db8::/48); '" + shown + "' is not one.");
    }
}
