package app.smartcomply.webhooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Smoke cases of the corpus for the other direction: a receiver that answers with an enormous
 * header block. The attempt must end (recorded within a deadline, whatever its outcome), what the
 * service keeps of the answer must be bounded, and the service must stay healthy. The delivery
 * engine's own tests cover these receivers in depth; this only checks that the corpus' view of
 * the service holds with them too.
 */
class HostileReceiverSmokeTest extends WebhooksAppTest {

    /** The largest delivery detail (with what is kept of the receiver's answer) that is sane. */
    private static final int MAX_DETAIL_BYTES = 128 * 1024;

    /** How the receiver answers. */
    enum Answer {
        /** One header line of 300 KB. */
        ONE_300_KB_HEADER_LINE,
        /** 20,000 small headers, about 300 KB. */
        TWENTY_THOUSAND_HEADERS;

        String headerBlock() {
            StringBuilder block = new StringBuilder();
            if (this == ONE_300_KB_HEADER_LINE) {
                block.append("X-Big: ").append("b".repeat(300 * 1024)).append("\r\n");
            } else {
                for (int i = 0; i < 20_000; i++) {
                    block.append("X-H")
                            .append(i)
                            .append(": ")
                            .append("v".repeat(4))
                            .append("\r\n");
                }
            }
            return block.toString();
        }
    }

    @ParameterizedTest
    @EnumSource(Answer.class)
    void aReceiverWithAHugeHeaderBlockEndsTheAttemptAndTheServiceStaysHealthy(Answer answer) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket receiver = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> serve(receiver, answer, requests));
            TestAccount account = TestAccount.create(api(), "Hostile receiver " + answer);
            api().createEndpoint(
                            account.apiKey(),
                            "http://127.0.0.1:" + receiver.getLocalPort() + "/hook",
                            "test.submitted");
            api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(5));

            JsonNode delivery = firstAttemptRecorded(account, Duration.ofSeconds(60));

            assertThat(requests.get()).isGreaterThanOrEqualTo(1);
            ApiClient.Answer detail = api().get(
                            "/api/v1/webhooks/deliveries/" + delivery.get("id").asString(), account.apiKey());
            assertThat(detail.status()).isEqualTo(200);
            assertThat(detail.body().length())
                    .as("what the service keeps of the receiver's answer")
                    .isLessThan(MAX_DETAIL_BYTES);
            ApiClient.Answer health = api().get("/actuator/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.text("status")).isEqualTo("UP");
        }
    }

    /** Polls the account's deliveries until one has an attempt (real network I/O, so real time). */
    private JsonNode firstAttemptRecorded(TestAccount account, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ApiClient.Answer list = api().get("/api/v1/webhooks/deliveries?limit=1", account.apiKey());
            JsonNode data = list.json() == null ? null : list.json().get("data");
            if (data != null
                    && data.size() == 1
                    && data.get(0).get("attempt_count").asInt() >= 1) {
                return data.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no attempt recorded within " + timeout + ": " + list.body());
            }
            Thread.sleep(50);
        }
    }

    private static void serve(ServerSocket server, Answer answer, AtomicInteger requests) {
        byte[] reply = ("HTTP/1.1 200 OK\r\n" + answer.headerBlock()
                        + "Content-Length: 2\r\nConnection: close\r\n\r\nok")
                .getBytes(StandardCharsets.US_ASCII);
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                readRequest(socket.getInputStream());
                requests.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                out.write(reply);
                out.flush();
            } catch (IOException closedOrAborted) {
                // The service gave up on the answer (which is allowed), or the test is over.
            }
        }
    }

    /** Reads the request head and its Content-Length body; at most 1 MiB. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 1024 * 1024) {
                return;
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(
                    lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
            in.readNBytes(Math.min(length, 1024 * 1024));
        }
    }
}
