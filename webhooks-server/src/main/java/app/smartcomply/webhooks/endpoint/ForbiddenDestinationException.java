package app.smartcomply.webhooks.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection was refused by the SSRF guard because the destination host is, or resolves to, an
 * address that is not publicly reachable (or is a local-only name such as {@code localhost}).
 *
 * <p>It extends {@link UnknownHostException} because that is the exception Apache HttpClient's
 * {@code DnsResolver} contract allows, and HttpClient treats it as final: its default retry
 * strategy does not retry it, and it surfaces unchanged from {@code execute(...)}. From the
 * connection's point of view the host indeed has no usable address. Delivery code can catch this
 * type to record a policy refusal; {@link #getMessage()} is written for the delivery log, e.g.
 * "refused: api.example.com resolves to 10.0.0.5, a private address (SSRF guard; allowed only in
 * dev mode)".
 */
public final class ForbiddenDestinationException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final InetAddress address;
    private final String reason;

    /**
     * @param host the host as the client named it
     * @param address the refused address, or {@code null} when the name itself was refused
     * @param reason the classifier's reason, e.g. "private" or "ipv4-mapped loopback"
     * @param message the full sentence for the delivery log
     */
    public ForbiddenDestinationException(String host, InetAddress address, String reason, String message) {
        super(message);
        this.host = Objects.requireNonNull(host, "host");
        this.address = address;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The host as the client named it (a name, or an IP literal in whatever spelling was used). */
    public String host() {
        return host;
    }

    /** The refused address; empty when the host name itself was refused before any lookup. */
    public Optional<InetAddress> address() {
        return Optional.ofNullable(address);
    }

    /**
     * Why: an address reason such as "loopback", "private", "cloud-metadata" or "ipv4-mapped
     * loopback" (see {@link DestinationPolicy#forbiddenReason}), a name reason such as "loopback
     * name", or "unresolved" when the resolver returned no address it could check.
     */
    public String reason() {
        return reason;
    }
}
