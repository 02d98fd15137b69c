package app.smartcomply.webhooks.notice;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * {@code WEBHOOKS_SMTP_URL}: {@code smtp://user:pass@host:port} (STARTTLS whenever the server
 * offers it; port 587 if none is given) or {@code smtps://…} (TLS from the first byte, with the
 * server's name checked; port 465). User and password are optional and percent-decoded. Every
 * network wait of the mail client is bounded by {@link #TIMEOUT_MS}.
 *
 * <p>Error messages never contain the URL, which holds the password.
 */
record SmtpUrl(boolean implicitTls, String host, int port, String username, String password) {

    static final int TIMEOUT_MS = 10_000;

    static SmtpUrl parse(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw invalid("it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw invalid("the scheme must be smtp:// or smtps://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("it names no host");
        }
        if ((uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw invalid("it may have no path, query or fragment");
        }
        boolean tls = scheme.equals("smtps");
        String user = null;
        String pass = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0].replace("+", "%2B"), StandardCharsets.UTF_8);
            pass = parts.length > 1 ? URLDecoder.decode(parts[1].replace("+", "%2B"), StandardCharsets.UTF_8) : null;
        }
        return new SmtpUrl(tls, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 587, user, pass);
    }

    private static IllegalStateException invalid(String why) {
        return new IllegalStateException("WEBHOOKS_SMTP_URL is not usable: " + why
                + ". Expected smtp://user:password@host:port or smtps://user:password@host:port.");
    }

    /** A mail client for this server, with bounded connect, read and write times. */
    JavaMailSenderImpl sender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        String protocol = implicitTls ? "smtps" : "smtp";
        sender.setProtocol(protocol);
        sender.setHost(host);
        sender.setPort(port);
        sender.setUsername(username);
        sender.setPassword(password);
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(TIMEOUT_MS));
        properties.setProperty(prefix + "timeout", String.valueOf(TIMEOUT_MS));
        properties.setProperty(prefix + "writetimeout", String.valueOf(TIMEOUT_MS));
        properties.setProperty(prefix + "auth", String.valueOf(username != null));
        if (implicitTls) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        } else {
            properties.setProperty(prefix + "starttls.enable", "true");
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }

    @Override
    public String toString() {
        return (implicitTls ? "smtps://" : "smtp://") + (username == null ? "" : username + ":****@") + host + ":"
                + port;
    }
}
