package app.smartcomply.webhooks.bench.load;

import app.smartcomply.webhooks.bench.report.Percentiles;
import app.smartcomply.webhooks.bench.sink.Reply;
import app.smartcomply.webhooks.bench.sink.Sink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The ceiling: webhook-shaped POSTs from the service's HTTP client stack straight to a sink, with
 * nothing in between — no database, no signing, no service. Same endpoints, same headers (static
 * signature values), same payload, same pool limits, as many virtual threads as the engine could
 * have in flight to those endpoints.
 */
public final class Baseline {

    /** What the ceiling measurement found. */
    public record Result(
            String sink,
            int endpoints,
            int concurrency,
            double seconds,
            long posts,
            long errors,
            double postsPerSecond,
            Percentiles latency) {}

    private Baseline() {}

    public static Result run(String sinkKind, int endpoints, int concurrency, Duration duration, byte[] payload) {
        List<Reply> replies = Collections.nCopies(endpoints, Reply.OK);
        try (Sink sink = Sink.start(sinkKind, replies, endpoints);
                CloseableHttpClient client = PooledClient.create(2048, 32, Duration.ofSeconds(10))) {
            // Warm-up (JIT, connections) is not counted.
            measure(sink, client, concurrency, Duration.ofSeconds(2), payload);
            return measure(sink, client, concurrency, duration, payload);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Result measure(
            Sink sink, CloseableHttpClient client, int concurrency, Duration duration, byte[] payload) {
        AtomicLong posts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<LongList> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int t = 0; t < concurrency; t++) {
            LongList mine = new LongList();
            latencies.add(mine);
            int worker = t;
            threads.add(Thread.ofVirtual().start(() -> {
                HexFormat hex = HexFormat.of();
                long n = 0;
                while (System.nanoTime() < deadline) {
                    int endpoint = (int) ((worker + n) % sink.endpoints());
                    String eventId =
                            "evt_" + hex.toHexDigits(System.nanoTime()) + hex.toHexDigits(((long) worker << 40) | n++);
                    HttpPost post = new HttpPost(sink.url(endpoint));
                    post.addHeader("User-Agent", "SmartComply-Webhooks/bench");
                    post.addHeader("X-SmartComply-Signature", "t=1778000000,v1=" + "0".repeat(64));
                    post.addHeader("X-SmartComply-Event-Id", eventId);
                    post.addHeader("X-SmartComply-Event-Type", "test.submitted");
                    post.addHeader("X-SmartComply-Delivery-Id", "whd_" + eventId.substring(4));
                    post.addHeader("X-SmartComply-Attempt", "1");
                    post.addHeader("webhook-id", eventId);
                    post.addHeader("webhook-timestamp", "1778000000");
                    post.addHeader("webhook-signature", "v1," + "A".repeat(43) + "=");
                    post.setEntity(new ByteArrayEntity(payload, ContentType.APPLICATION_JSON));
                    long sent = System.nanoTime();
                    try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
                        EntityUtils.consume(response.getEntity());
                        if (response.getCode() == 200) {
                            posts.incrementAndGet();
                            mine.add(System.nanoTime() - sent);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(
                sink.getClass().getSimpleName().startsWith("Raw") ? "raw" : "jdk",
                sink.endpoints(),
                concurrency,
                seconds,
                posts.get(),
                errors.get(),
                posts.get() / seconds,
                Percentiles.of(LongList.concat(latencies)));
    }
}
