package app.smartcomply.webhooks.client;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where the service is and how to reach it: {@code --service}, {@code --api-key}, {@code --proxy}.
 * Without {@code --proxy}, the usual proxy settings apply: {@code HTTPS_PROXY} / {@code HTTP_PROXY}
 * (and {@code NO_PROXY}) from the environment, else the JVM's {@code -Dhttps.proxyHost} and friends.
 */
final class ServiceOptions {

    static final String DEFAULT_SERVICE = "http://localhost:8080";

    @Option(
            names = "--service",
            paramLabel = "URL",
            description =
                    "The webhook service's base URL (default: $SMARTCOMPLY_SERVICE, else " + DEFAULT_SERVICE + ").")
    String service;

    @Option(
            names = "--api-key",
            paramLabel = "KEY",
            description = "The account's API key, sc_live_… or sc_test_… (default: $SMARTCOMPLY_API_KEY).")
    String apiKey;

    @Option(
            names = "--proxy",
            paramLabel = "HOST:PORT",
            description = "An HTTP proxy to reach the service through (default: $HTTPS_PROXY / $HTTP_PROXY, "
                    + "or the JVM's proxy settings).")
    String proxy;

    /** The base URL without a trailing slash. */
    URI serviceUri() {
        String value = service != null ? service : System.getenv().getOrDefault("SMARTCOMPLY_SERVICE", DEFAULT_SERVICE);
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        URI uri = URI.create(value);
        if (uri.getScheme() == null
                || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new UsageException("--service must be an http:// or https:// URL, not " + value);
        }
        return uri;
    }

    String apiKey() {
        String key = apiKey != null ? apiKey : System.getenv("SMARTCOMPLY_API_KEY");
        if (key == null || key.isBlank()) {
            throw new UsageException("Give the account's API key with --api-key (or SMARTCOMPLY_API_KEY).");
        }
        return key.trim();
    }

    /** A client for the service, through the proxy that applies. */
    HttpClient client() {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        ProxySelector selector = proxySelector(serviceUri());
        if (selector != null) {
            builder.proxy(selector);
        }
        return builder.build();
    }

    private ProxySelector proxySelector(URI target) {
        if (proxy != null) {
            return ProxySelector.of(address(proxy, "--proxy"));
        }
        String fromEnv = target.getScheme().equals("https") ? env("HTTPS_PROXY") : env("HTTP_PROXY");
        if (fromEnv != null && !bypassed(target.getHost())) {
            return ProxySelector.of(address(fromEnv, "the proxy environment variable"));
        }
        return fromEnv != null ? HttpClient.Builder.NO_PROXY : ProxySelector.getDefault();
    }

    private static boolean bypassed(String host) {
        String noProxy = env("NO_PROXY");
        if (noProxy == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String entry : noProxy.split(",")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.equals("*")
                    || (!e.isEmpty()
                            && (h.equals(e.replaceFirst("^\\.", "")) || h.endsWith(e.startsWith(".") ? e : "." + e)))) {
                return true;
            }
        }
        return false;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getenv(name.toLowerCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static InetSocketAddress address(String value, String what) {
        String hostPort = value.contains("://") ? URI.create(value).getAuthority() : value;
        if (hostPort != null && hostPort.contains("@")) {
            hostPort = hostPort.substring(hostPort.lastIndexOf('@') + 1);
        }
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException(what + " must be host:port or http://host:port, not " + value);
        }
        try {
            return InetSocketAddress.createUnresolved(
                    hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new UsageException(what + " must be host:port or http://host:port, not " + value);
        }
    }
}
