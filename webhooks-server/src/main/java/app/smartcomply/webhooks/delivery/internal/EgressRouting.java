package app.smartcomply.webhooks.delivery.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.RouteInfo.LayerType;
import org.apache.hc.client5.http.RouteInfo.TunnelType;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.URIScheme;

/**
 * Sends every attempt through the operator's HTTP CONNECT proxy ({@code WEBHOOKS_EGRESS_PROXY}),
 * so that deliveries leave from the proxy's fixed addresses, while the SSRF guard still judges
 * each delivery's destination.
 *
 * <ul>
 *   <li>{@link #routePlanner}: every route is tunnelled through the proxy with CONNECT — https and
 *       http alike, so the proxy sees only {@code CONNECT host:port} and never a request it could
 *       rewrite or cache.
 *   <li>{@link #destinationCheck}: before each request the destination's name is resolved and
 *       every address checked by the guard, as on a direct connection; a refused destination
 *       fails the attempt with the guard's {@code ForbiddenDestinationException} and no CONNECT is
 *       sent. The proxy then resolves the name again on its own: pair it with a proxy that
 *       applies its own address policy (smokescreen does), or a DNS answer that changes in
 *       between is not seen here.
 *   <li>{@link #dnsResolver}: the connection pool resolves only the proxy's own name, which the
 *       operator chose and the guard must not refuse (it is usually a private address); any other
 *       name still goes through the guard.
 * </ul>
 */
final class EgressRouting {

    private final HttpHost proxy;

    /** @param proxy {@code http://host:port} */
    EgressRouting(URI proxy) {
        this.proxy = new HttpHost(URIScheme.HTTP.id, proxy.getHost(), proxy.getPort());
    }

    HttpRoutePlanner routePlanner() {
        return (host, context) -> {
            HttpHost target = host.getPort() > 0
                    ? host
                    : new HttpHost(
                            host.getSchemeName(), host.getHostName(), DefaultSchemePortResolver.INSTANCE.resolve(host));
            boolean secure = URIScheme.HTTPS.same(target.getSchemeName());
            return new HttpRoute(
                    target, null, proxy, secure, TunnelType.TUNNELLED, secure ? LayerType.LAYERED : LayerType.PLAIN);
        };
    }

    /** Resolves and checks the destination of every request before it goes to the proxy. */
    ExecChainHandler destinationCheck(DnsResolver guarded) {
        return (request, scope, chain) -> {
            HttpHost target = scope.route.getTargetHost();
            guarded.resolve(target.getHostName(), target.getPort()); // throws ForbiddenDestinationException
            return chain.proceed(request, scope);
        };
    }

    /** The pool's resolver: the proxy's name unguarded, everything else through {@code guarded}. */
    DnsResolver dnsResolver(DnsResolver guarded) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return isProxy(host) ? SystemDefaultDnsResolver.INSTANCE.resolve(host) : guarded.resolve(host);
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                return isProxy(host)
                        ? SystemDefaultDnsResolver.INSTANCE.resolve(host, port)
                        : guarded.resolve(host, port);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return guarded.resolveCanonicalHostname(host);
            }
        };
    }

    private boolean isProxy(String host) {
        return proxy.getHostName().equalsIgnoreCase(host);
    }
}
