package app.smartcomply.webhooks.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A container health check for an image that has neither a shell nor curl: asks this node's own
 * health endpoint on loopback and exits 0 when it answers 200, 1 otherwise (down, 503, refused,
 * slow). It uses only the JDK, so it runs with {@code java -cp /app/classes} in a fraction of a
 * second, without starting Spring.
 *
 * <p>Usage: {@code java -cp /app/classes app.smartcomply.webhooks.ops.HealthProbe [path]}; the
 * path defaults to {@code /actuator/health/readiness}, the port is {@code SERVER_PORT} (8080).
 * Connecting and reading are each bounded, so a hung node fails the check instead of hanging it.
 */
public final class HealthProbe {

    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 3_000;

    private HealthProbe() {}

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "/actuator/health/readiness";
        String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
        System.exit(check(Integer.parseInt(port), path) ? 0 : 1);
    }

    /** True when {@code http://127.0.0.1:port/path} answers 200 within the timeouts. */
    static boolean check(int port, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            try {
                int status = connection.getResponseCode();
                // The answer is a few bytes of JSON; reading it (bounded by the read timeout) lets the
                // connection close cleanly.
                try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                    if (body != null) {
                        body.readNBytes(4096);
                    }
                }
                return status == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
