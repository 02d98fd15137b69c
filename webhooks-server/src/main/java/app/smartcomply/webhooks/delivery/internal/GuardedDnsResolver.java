package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.endpoint.ForbiddenDestinationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The connection-time half of the SSRF guard: an HttpClient 5 {@link DnsResolver} that resolves
 * a host and refuses the connection — throws {@link ForbiddenDestinationException} — if the host
 * is a refused IP literal or local-only name, or if <em>any</em> address it resolves to is
 * refused by the {@link DestinationPolicy}. One private record among public ones marks the host
 * as hostile rather than being filtered out, since whoever controls its DNS chose to add it. In dev
 * mode nothing is refused.
 *
 * <p>Why this hook: HttpClient's classic connection operator
 * ({@code DefaultHttpClientConnectionOperator}, 5.6) calls {@link #resolve(String, int)} once
 * per new connection and then connects to exactly the addresses returned, so the addresses
 * checked are the addresses used: a DNS answer that changes between save time and send time (DNS
 * rebinding) is checked as it is used. Both {@code resolve} overloads are guarded, so the check
 * holds whichever one a caller uses.
 *
 * <p>IP literals are never passed to the delegate. They are parsed here in every spelling the URL
 * Standard knows ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1},
 * {@code ::ffff:7f00:1}...), because system resolvers differ on odd spellings and some would send
 * them to DNS.
 *
 * <p>What the hook cannot see, so the HTTP client that uses it must not do: execute a request
 * against an {@code HttpHost} built with an {@code InetAddress} (HttpClient then skips the
 * resolver); route through an HTTP proxy or use a Unix-domain socket (the resolver would vet the
 * proxy, not the target); follow redirects with another client. Requests built from the endpoint
 * URI ({@code new HttpPost(uri)}) with redirects disabled go through this resolver every time.
 * {@link #resolveCanonicalHostname(String)} is delegated unchecked: HttpClient uses it only to
 * name Kerberos/SPNEGO principals, never to connect.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final DestinationPolicy policy;
    private final DnsResolver delegate;

    /** Guards the JVM's system resolver ({@link SystemDefaultDnsResolver#INSTANCE}). */
    public GuardedDnsResolver(DestinationPolicy policy) {
        this(policy, SystemDefaultDnsResolver.INSTANCE);
    }

    /**
     * @param policy decides which hosts and addresses are refused
     * @param delegate performs the actual name lookups
     */
    public GuardedDnsResolver(DestinationPolicy policy, DnsResolver delegate) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Resolves {@code host} and checks every address.
     *
     * @return the addresses, all allowed (or anything, in dev mode)
     * @throws ForbiddenDestinationException if the host or any of its addresses is refused
     * @throws UnknownHostException if the host is invalid or does not resolve
     */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Optional<InetAddress> literal = policy.checkHost(host);
        if (literal.isPresent()) {
            return new InetAddress[] {literal.get()};
        }
        InetAddress[] addresses = delegate.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host + ": no addresses");
        }
        for (InetAddress address : addresses) {
            policy.checkResolved(host, address);
        }
        return addresses;
    }

    /**
     * The overload HttpClient 5.6 calls when connecting: resolves {@code host} through the
     * delegate's own {@code resolve(host, port)} and checks every address.
     *
     * <p>An unresolved socket address from the delegate (the interface's way to say "let the
     * socket or a SOCKS proxy resolve it") is refused outside dev mode: it would be resolved later,
     * out of the guard's sight.
     *
     * @throws ForbiddenDestinationException if the host or any of its addresses is refused
     * @throws UnknownHostException if the host is invalid or does not resolve
     */
    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        Optional<InetAddress> literal = policy.checkHost(host);
        if (literal.isPresent()) {
            return List.of(new InetSocketAddress(literal.get(), port));
        }
        List<InetSocketAddress> resolved = delegate.resolve(host, port);
        if (resolved == null || resolved.isEmpty()) {
            throw new UnknownHostException(host + ": no addresses");
        }
        List<InetSocketAddress> checked = new ArrayList<>(resolved.size());
        for (InetSocketAddress socketAddress : resolved) {
            if (socketAddress.isUnresolved()) {
                if (!policy.devMode()) {
                    throw new ForbiddenDestinationException(
                            host,
                            null,
                            "unresolved",
                            "refused: " + host
                                    + " was not resolved to an address that could be checked (SSRF guard; allowed only in dev mode)");
                }
            } else {
                policy.checkResolved(host, socketAddress.getAddress());
            }
            checked.add(socketAddress);
        }
        return List.copyOf(checked);
    }

    /** Delegated unchecked: the result names a Kerberos principal and is never connected to. */
    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }
}
