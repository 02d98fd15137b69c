package app.smartcomply.webhooks.client;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * POSTs one event to the local receiver exactly as a delivery from the service looks — the same
 * body bytes and the same headers ({@code X-SmartComply-Signature}, the event, type, delivery and
 * attempt headers, and the Standard Webhooks trio), signed with the session's secret and a fresh
 * timestamp. Bounded: connecting, waiting and reading the answer (its first {@link #MAX_BODY} bytes)
 * all end within the timeout. Never through a proxy: the receiver is local.
 */
final class Forwarder {

    static final int MAX_BODY = 64 * 1024;

    /** What happened to one forward. {@code status} is null when no answer arrived. */
    record Outcome(
            List<String[]> requestHeaders,
            Integer status,
            String body,
            boolean truncated,
            String error,
            long durationMs) {}

    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final URI target;
    private final Duration timeout;

    Forwarder(URI target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
    }

    URI target() {
        return target;
    }

    Outcome forward(
            SigningSecret secret, String deliveryId, String eventId, String eventType, int attempt, byte[] payload)
            throws InterruptedException {
        long startNanos = System.nanoTime();
        long timestamp = Math.floorDiv(System.currentTimeMillis(), 1000);
        List<SigningSecret> secrets = List.of(secret);
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", "application/json"});
        headers.add(new String[] {"User-Agent", "SmartComply-Webhooks/" + Version.value() + " (webhooks listen)"});
        headers.add(
                new String[] {WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signatureHeader(timestamp, payload, secrets)
                });
        headers.add(new String[] {WebhookSigner.EVENT_ID_HEADER, eventId});
        headers.add(new String[] {WebhookSigner.EVENT_TYPE_HEADER, eventType});
        headers.add(new String[] {WebhookSigner.DELIVERY_ID_HEADER, deliveryId});
        headers.add(new String[] {WebhookSigner.ATTEMPT_HEADER, Integer.toString(attempt)});
        headers.add(new String[] {WebhookSigner.WEBHOOK_ID_HEADER, eventId});
        headers.add(new String[] {WebhookSigner.WEBHOOK_TIMESTAMP_HEADER, Long.toString(timestamp)});
        headers.add(new String[] {
            WebhookSigner.WEBHOOK_SIGNATURE_HEADER,
            WebhookSigner.standardWebhooksSignature(eventId, timestamp, payload, secrets)
        });
        HttpRequest.Builder request =
                HttpRequest.newBuilder(target).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        headers.forEach(h -> request.header(h[0], h[1]));
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            Duration left = timeout.minusNanos(System.nanoTime() - startNanos);
            BoundedBody.Body body = BoundedBody.read(
                    response.body(), MAX_BODY, left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
            return new Outcome(
                    headers,
                    response.statusCode(),
                    new String(body.bytes(), StandardCharsets.UTF_8),
                    body.truncated(),
                    null,
                    elapsed(startNanos));
        } catch (HttpTimeoutException e) {
            return new Outcome(
                    headers,
                    null,
                    null,
                    false,
                    "Timed out after " + timeout.toSeconds() + " s without a response.",
                    elapsed(startNanos));
        } catch (ConnectException e) {
            return new Outcome(
                    headers,
                    null,
                    null,
                    false,
                    "Connection refused: is your receiver running on " + target.getHost() + ":" + port() + "?",
                    elapsed(startNanos));
        } catch (IOException e) {
            return new Outcome(
                    headers,
                    null,
                    null,
                    false,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    elapsed(startNanos));
        }
    }

    private int port() {
        return target.getPort() != -1 ? target.getPort() : target.getScheme().equals("https") ? 443 : 80;
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
