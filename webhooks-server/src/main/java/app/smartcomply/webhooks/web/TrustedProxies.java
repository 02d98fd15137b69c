package app.smartcomply.webhooks.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.util.NetMask;
import org.apache.catalina.util.NetMaskSet;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.catalina.valves.ValveBase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which peers may say how a request reached them ({@code webhooks.trusted-proxies}, env {@code
 * WEBHOOKS_TRUSTED_PROXIES}: comma-separated IP addresses and CIDR ranges, default none).
 *
 * <p>Behind a TLS-terminating load balancer the service sees plain HTTP; the balancer says what
 * the client used in {@code X-Forwarded-Proto} (or RFC 7239 {@code Forwarded: proto=…}) and who the
 * client was in {@code X-Forwarded-For}. Those headers are believed only when the connection comes
 * from a trusted proxy: from anyone else they are ignored, so a client cannot make itself look
 * like HTTPS or like another address. Tomcat's {@link RemoteIpValve} does the work (its internal
 * proxies given as CIDR ranges); a small valve in front of it turns a trusted {@code Forwarded}
 * header's {@code proto} into {@code X-Forwarded-Proto}, which is all the valve reads.
 *
 * <p>{@code server.forward-headers-strategy} is {@code none} in application.yml, so Spring Boot
 * never adds a second valve that trusts every private address (its default on Kubernetes).
 */
@Configuration(proxyBeanMethods = false)
class TrustedProxies {

    private static final Pattern IP_OR_CIDR = Pattern.compile("[0-9A-Fa-f:.]+(/[0-9]{1,3})?");

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxyValves(
            @Value("${webhooks.trusted-proxies:}") String configured) {
        List<String> ranges = parse(configured);
        if (ranges.isEmpty()) {
            return factory -> {};
        }
        String joined = String.join(",", ranges);
        RemoteIpValve remoteIp = new RemoteIpValve();
        remoteIp.setInternalProxies(joined);
        remoteIp.setRemoteIpHeader("X-Forwarded-For");
        remoteIp.setProtocolHeader("X-Forwarded-Proto");
        remoteIp.setProtocolHeaderHttpsValue("https");
        return factory -> factory.addEngineValves(new ForwardedProtoValve(NetMaskSet.parse(joined)), remoteIp);
    }

    /**
     * The configured ranges, each with a prefix length (a single address becomes /32 or /128).
     *
     * @throws IllegalStateException naming the entry that is not an IP address or CIDR range
     */
    static List<String> parse(String configured) {
        List<String> ranges = new ArrayList<>();
        for (String raw : configured.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            // Literals only: a host name here would be looked up in DNS at start-up and trusted blindly.
            if (!IP_OR_CIDR.matcher(entry).matches()) {
                throw new IllegalStateException(
                        "WEBHOOKS_TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR range");
            }
            String range = entry.contains("/") ? entry : entry + (entry.contains(":") ? "/128" : "/32");
            try {
                new NetMask(range);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "WEBHOOKS_TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR range");
            }
            ranges.add(range);
        }
        return ranges;
    }

    /**
     * For a trusted peer that sent {@code Forwarded} but no {@code X-Forwarded-Proto}: copies the
     * {@code proto} of the last (nearest) forwarded element into {@code X-Forwarded-Proto}.
     */
    static final class ForwardedProtoValve extends ValveBase {

        private final NetMaskSet trusted;

        ForwardedProtoValve(NetMaskSet trusted) {
            super(true);
            this.trusted = trusted;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            String forwarded = request.getHeader("Forwarded");
            if (forwarded != null && request.getHeader("X-Forwarded-Proto") == null && fromTrustedPeer(request)) {
                String proto = protoOfLastElement(forwarded);
                if (proto != null) {
                    request.getCoyoteRequest()
                            .getMimeHeaders()
                            .addValue("X-Forwarded-Proto")
                            .setString(proto);
                }
            }
            getNext().invoke(request, response);
        }

        private boolean fromTrustedPeer(Request request) {
            try {
                return trusted.contains(request.getRemoteAddr());
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }

        static String protoOfLastElement(String forwarded) {
            String last = forwarded.substring(forwarded.lastIndexOf(',') + 1);
            for (String pair : last.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("proto")) {
                    String value =
                            pair.substring(eq + 1).strip().replace("\"", "").toLowerCase(Locale.ROOT);
                    return value.equals("https") || value.equals("http") ? value : null;
                }
            }
            return null;
        }
    }
}
