package app.smartcomply.webhooks.bench.jmh;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What signing costs per attempt: both signature headers the sender computes ({@code
 * X-SmartComply-Signature} and the Standard Webhooks {@code webhook-signature}) over a 1 KiB body,
 * with one secret and with two (a rotation's grace period).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SigningBenchmark {

    @Param({"1", "2"})
    int secrets;

    private byte[] body;
    private List<SigningSecret> keys;
    private final long timestamp = 1_778_000_000L;
    private final String eventId = "evt_019a5f0c3e2b7d4c8f1a2b3c4d5e6f70";

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom(new byte[] {1});
        body = new byte[1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + random.nextInt(26));
        }
        keys = new ArrayList<>();
        for (int i = 0; i < secrets; i++) {
            keys.add(SigningSecret.generate(random));
        }
    }

    @Benchmark
    public String signatureHeader() {
        return WebhookSigner.signatureHeader(timestamp, body, keys);
    }

    @Benchmark
    public String standardWebhooksSignature() {
        return WebhookSigner.standardWebhooksSignature(eventId, timestamp, body, keys);
    }

    /** Both headers, as {@code WebhookSender} computes them for every attempt. */
    @Benchmark
    public int bothHeaders() {
        return WebhookSigner.signatureHeader(timestamp, body, keys).length()
                + WebhookSigner.standardWebhooksSignature(eventId, timestamp, body, keys)
                        .length();
    }
}
