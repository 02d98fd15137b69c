package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import app.smartcomply.webhooks.delivery.GuardedPost;
import app.smartcomply.webhooks.endpoint.ForbiddenDestinationException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * {@link GuardedPost} on the engine's shared client ({@link WebhookHttpClient}): the same pool, the
 * same guarded DNS resolver and response-head limits, the URL checked by the same {@link
 * ValidatedUrls} as attempts. A timer on the engine's deadline thread aborts the request when
 * {@code timeout} runs out, so a receiver trickling its answer cannot hold the caller longer.
 */
final class HttpGuardedPost implements GuardedPost {

    private final WebhookHttpClient client;
    private final ValidatedUrls urls;
    private final ScheduledExecutorService timer;
    private final int maxBody;

    HttpGuardedPost(WebhookHttpClient client, ValidatedUrls urls, ScheduledExecutorService timer, int maxBody) {
        this.client = client;
        this.urls = urls;
        this.timer = timer;
        this.maxBody = maxBody;
    }

    @Override
    public Answer post(String url, List<Header> headers, byte[] body, Duration timeout) {
        HttpPost post;
        switch (urls.check(url)) {
            case ValidatedUrls.Allowed allowed -> post = new HttpPost(allowed.uri());
            case ValidatedUrls.Refused refused -> {
                return new Answer(null, new byte[0], refused.reason(), false);
            }
        }
        headers.forEach(h -> post.addHeader(h.name(), h.value()));
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = timer.schedule(
                () -> {
                    timedOut.set(true);
                    post.cancel();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.current().executeOpen(null, post, null);
            byte[] read = read(response.getEntity());
            if (read.length == maxBody) {
                post.cancel(); // drop the connection instead of draining an unbounded body
            } else {
                EntityUtils.consumeQuietly(response.getEntity());
            }
            return new Answer(response.getCode(), read, null, false);
        } catch (IOException | RuntimeException e) {
            post.cancel();
            return timedOut.get()
                    ? new Answer(null, new byte[0], "No complete answer within " + timeout.toMillis() + " ms.", true)
                    : new Answer(null, new byte[0], describe(e), false);
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    /** Closing after an aborted connection (a truncated body) fails; by then the answer is in hand. */
    private static void closeQuietly(ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException | RuntimeException alreadyAborted) {
            // nothing to release: the connection is gone
        }
    }

    private byte[] read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        InputStream in = entity.getContent();
        return in == null ? new byte[0] : in.readNBytes(maxBody);
    }

    /** What went wrong, in words for the customer: no stack traces, no internals. */
    private static String describe(Exception e) {
        if (e instanceof ForbiddenDestinationException refused) {
            return "Refused by the SSRF guard: " + refused.getMessage();
        }
        if (e instanceof ResponseHeadRefused refused) {
            return refused.getMessage();
        }
        if (e instanceof MessageConstraintException) {
            return "The response broke an HTTP limit; it was not read.";
        }
        return switch (e.getClass().getSimpleName()) {
            case "ConnectException", "HttpHostConnectException" -> "Connection refused.";
            case "UnknownHostException" -> "The host name could not be resolved.";
            case "SocketTimeoutException", "ConnectTimeoutException" -> "Timed out.";
            case "SSLHandshakeException", "SSLException", "SSLPeerUnverifiedException" -> "The TLS handshake failed.";
            case "NoHttpResponseException" -> "The server closed the connection without answering.";
            default -> "The request failed (" + e.getClass().getSimpleName() + ").";
        };
    }
}
