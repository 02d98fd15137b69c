package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import app.smartcomply.webhooks.endpoint.CustomHeader;
import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.endpoint.ForbiddenDestinationException;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.tracing.TraceSpan;
import app.smartcomply.webhooks.tracing.Tracing;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt: signs the payload with a fresh timestamp, POSTs it, and reads what came back.
 *
 * <p>The whole attempt — connecting, sending, waiting, reading — is bounded by {@code timeout}: a
 * timer aborts the request when it runs out, so a receiver that trickles its answer byte by byte
 * cannot hold a slot longer. Only the first {@code maxBody} bytes of the answer are read; past
 * that the connection is dropped rather than drained. The answer's head is read within {@link
 * ResponseHeadLimits} (the client is built so); past them the attempt fails unread.
 *
 * <p>Whatever goes wrong in one attempt ends as that attempt's failed result, Errors included
 * (see {@link #failedInside}) — except a {@link VirtualMachineError} other than a stack overflow,
 * which is rethrown. Either way nothing shared is lost: the client is taken from {@link
 * WebhookHttpClient}, which replaces it if an Error made HttpClient shut its pool.
 */
final class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /** First buffer for an answer of unknown length; it doubles up to the body limit. */
    private static final int INITIAL_BODY_BUFFER = 1024;

    private final WebhookHttpClient client;
    private final ValidatedUrls urls;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Duration timeout;
    private final int maxBody;
    private final String userAgent;
    private final Tracing tracing;
    private final ExtraSignatures extraSignatures;
    private final Function<String, List<CustomHeader>> customHeaders;

    /** A sender without tracing, extra signatures or custom headers. */
    WebhookSender(
            WebhookHttpClient client,
            DestinationPolicy destinations,
            ScheduledExecutorService timer,
            Clock clock,
            Duration timeout,
            int maxBody,
            String userAgent) {
        this(
                client,
                destinations,
                timer,
                clock,
                timeout,
                maxBody,
                userAgent,
                Tracing.off(),
                ExtraSignatures.NONE,
                endpointId -> List.of());
    }

    /**
     * @param extraSignatures signatures beside the HMAC ones (an endpoint's {@code v1a} Ed25519 signatures)
     * @param customHeaders an endpoint's custom headers ({@link app.smartcomply.webhooks.endpoint.DeliveryHeaders#forDelivery})
     */
    WebhookSender(
            WebhookHttpClient client,
            DestinationPolicy destinations,
            ScheduledExecutorService timer,
            Clock clock,
            Duration timeout,
            int maxBody,
            String userAgent,
            Tracing tracing,
            ExtraSignatures extraSignatures,
            Function<String, List<CustomHeader>> customHeaders) {
        this.extraSignatures = extraSignatures;
        this.customHeaders = customHeaders;
        this.tracing = tracing;
        this.client = client;
        this.urls = new ValidatedUrls(destinations);
        this.timer = timer;
        this.clock = clock;
        this.timeout = timeout;
        this.maxBody = maxBody;
        this.userAgent = userAgent;
    }

    /**
     * Makes the attempt inside its trace span (with tracing on): a child of the publish, whose
     * traceparent the receiver gets in the {@code traceparent} header.
     */
    AttemptResult send(ClaimedDelivery delivery, List<SigningSecret> secrets) {
        TraceSpan span = tracing.attempt(delivery.traceparent(), delivery.eventType());
        AttemptResult result = null;
        try {
            result = send(delivery, secrets, span.traceparent());
            return result;
        } finally {
            AttemptSpans.end(span, delivery, result);
        }
    }

    private AttemptResult send(ClaimedDelivery delivery, List<SigningSecret> secrets, String traceparent) {
        long startedAt = clock.millis();
        long timestamp = Math.floorDiv(startedAt, 1000);
        List<Header> sent = headers(delivery, secrets, timestamp);
        if (traceparent != null) {
            sent.add(new Header(Tracing.TRACEPARENT, traceparent));
        }
        // The customer's own headers go last, their values masked in what the attempt log keeps.
        int ours = sent.size();
        List<CustomHeader> custom = customHeaders.apply(delivery.endpointId());
        custom.forEach(h -> sent.add(new Header(h.name(), CustomHeader.MASKED_VALUE)));
        long startNanos = System.nanoTime();
        // Checked again at send time: a URL saved under dev mode must not be sent to in production.
        HttpPost post;
        switch (urls.check(delivery.url())) {
            case ValidatedUrls.Allowed allowed -> post = new HttpPost(allowed.uri());
            case ValidatedUrls.Refused refused -> {
                return AttemptResult.refused(startedAt, 0, sent, refused.reason());
            }
        }
        sent.subList(0, ours).forEach(h -> post.addHeader(h.name(), h.value()));
        custom.forEach(h -> post.addHeader(h.name(), h.value()));
        post.setEntity(new ByteArrayEntity(delivery.payload(), ContentType.APPLICATION_JSON));
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
            List<Header> received = new ArrayList<>();
            for (var header : response.getHeaders()) {
                received.add(new Header(header.getName(), header.getValue()));
            }
            Body body = read(response.getEntity());
            if (body.truncated()) {
                post.cancel(); // drop the connection instead of draining an unbounded body
            } else {
                EntityUtils.consumeQuietly(response.getEntity());
            }
            var retryAfter = response.getFirstHeader("Retry-After");
            return new AttemptResult(
                    startedAt,
                    elapsedMs(startNanos),
                    sent,
                    response.getCode(),
                    received,
                    body.bytes(),
                    body.truncated(),
                    null,
                    retryAfter == null
                            ? Optional.empty()
                            : RetryAfterHeader.parse(retryAfter.getValue(), clock.instant()));
        } catch (ForbiddenDestinationException e) {
            // The name resolved to an address the guard refuses (DNS changed, or rebinding): nothing was sent.
            return AttemptResult.refused(startedAt, elapsedMs(startNanos), sent, describe(e));
        } catch (IOException | RuntimeException e) {
            post.cancel(); // closing the response below must not drain what is left of a broken answer
            String error = timedOut.get()
                    ? "Timed out after " + timeout.toSeconds() + " s without a complete response."
                    : describe(e);
            return AttemptResult.failed(startedAt, elapsedMs(startNanos), sent, error);
        } catch (Error e) {
            post.cancel();
            return AttemptResult.failed(startedAt, elapsedMs(startNanos), sent, failedInside(delivery, e));
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    /**
     * An Error from inside the attempt — a bug in the service or a library (a stack overflow, a
     * class that failed to load, an assertion), not something the receiver did, which the read
     * limits rule out. It fails this attempt only: the delivery moves on through its retry schedule
     * instead of being attempted again and again, unrecorded, each time its lease runs out.
     *
     * <p>Not caught: a {@link VirtualMachineError} other than a {@link StackOverflowError} — an
     * OutOfMemoryError or an internal error of the JVM says nothing about this attempt, and the state
     * of the whole process is in doubt. It ends this attempt's own thread and nothing else (the
     * engine gives back its slots either way); the delivery is not recorded, so it is attempted again
     * after its lease. A stack overflow is this thread's alone, and over once the stack has unwound.
     * (The same rule as Tomcat's {@code ExceptionUtils.handleThrowable}.)
     */
    private String failedInside(ClaimedDelivery delivery, Error e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw e;
        }
        log.error("Attempt of delivery {} failed inside the service", delivery.id(), e);
        client.current(); // HttpClient shut its pool on the way out: replace the client now, not at the next attempt
        return "Internal error in the service while making this attempt ("
                + e.getClass().getSimpleName() + ").";
    }

    /**
     * Closing after an aborted connection (a truncated body) fails with "Socket closed"; by then the
     * answer is in hand, so that must not turn a 2xx into a failed attempt.
     */
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

    private List<Header> headers(ClaimedDelivery delivery, List<SigningSecret> secrets, long timestamp) {
        List<Header> headers = new ArrayList<>(10);
        headers.add(new Header("Content-Type", "application/json"));
        headers.add(new Header("User-Agent", userAgent));
        headers.add(new Header(
                WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signatureHeader(timestamp, delivery.payload(), secrets)));
        headers.add(new Header(WebhookSigner.EVENT_ID_HEADER, delivery.eventId()));
        headers.add(new Header(WebhookSigner.EVENT_TYPE_HEADER, delivery.eventType()));
        headers.add(new Header(WebhookSigner.DELIVERY_ID_HEADER, delivery.id()));
        headers.add(new Header(WebhookSigner.ATTEMPT_HEADER, Integer.toString(delivery.attemptNumber())));
        headers.add(new Header(WebhookSigner.WEBHOOK_ID_HEADER, delivery.eventId()));
        headers.add(new Header(WebhookSigner.WEBHOOK_TIMESTAMP_HEADER, Long.toString(timestamp)));
        String v1 = WebhookSigner.standardWebhooksSignature(delivery.eventId(), timestamp, delivery.payload(), secrets);
        String extra = extraSignatures.entries(delivery, timestamp);
        headers.add(new Header(WebhookSigner.WEBHOOK_SIGNATURE_HEADER, extra.isEmpty() ? v1 : v1 + " " + extra));
        return headers;
    }

    private Body read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new Body(new byte[0], false);
        }
        // Not closed here: closing drains the rest of the body. The caller either consumes a body
        // that was read to its end or aborts the connection under a truncated one.
        InputStream in = entity.getContent();
        if (in == null) {
            return new Body(new byte[0], false);
        }
        // Sized to the answer, not to the limit: InputStream.readNBytes(maxBody) allocates 16 KiB up
        // front however short the body, and receivers mostly answer a few bytes — at thousands of
        // attempts a second that buffer was a third of everything the service allocated.
        long declared = entity.getContentLength();
        int capacity = declared >= 0 ? (int) Math.min(declared + 1, maxBody) : Math.min(INITIAL_BODY_BUFFER, maxBody);
        byte[] buffer = new byte[Math.max(capacity, 1)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (buffer.length >= maxBody) {
                    break;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxBody));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        boolean more = length == maxBody && in.read() != -1;
        return new Body(length == buffer.length ? buffer : Arrays.copyOf(buffer, length), more);
    }

    private record Body(byte[] bytes, boolean truncated) {}

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** A message for the delivery log: what went wrong, without stack traces or internals. */
    private static String describe(Exception e) {
        if (e instanceof ForbiddenDestinationException refused) {
            return "Refused by the SSRF guard: " + refused.getMessage();
        }
        if (e instanceof ResponseHeadRefused refused) {
            return refused.getMessage();
        }
        if (e instanceof MessageConstraintException limit) {
            return "The receiver's response broke an HTTP limit (" + limit.getMessage() + "); the answer was not read.";
        }
        String type = e.getClass().getSimpleName();
        String message = e.getMessage() == null ? "" : e.getMessage();
        return switch (type) {
            case "ConnectException", "HttpHostConnectException" -> "Connection refused: " + message;
            case "UnknownHostException" -> "Could not resolve or refused host: " + message;
            case "SocketTimeoutException", "ConnectTimeoutException" -> "Timed out: " + message;
            case "SSLHandshakeException", "SSLException", "SSLPeerUnverifiedException" -> "TLS failed: " + message;
            case "NoHttpResponseException" -> "The server closed the connection without answering.";
            default -> type + (message.isEmpty() ? "" : ": " + message);
        };
    }
}
