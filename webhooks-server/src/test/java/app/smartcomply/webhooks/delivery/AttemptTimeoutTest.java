package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An attempt is bounded by the send timeout as a whole — waiting for the answer and reading it.
 * The timeout is 1 s here (10 s in production) so the test stays short.
 */
@TestPropertySource(properties = {"webhooks.delivery.timeout=1s", "webhooks.delivery.lease-duration=30s"})
class AttemptTimeoutTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Far beyond the 1 s timeout: an attempt that took this long was not cut off. */
    private static final Duration SLOW = Duration.ofSeconds(6);

    private String accountId;
    private String key;
    private DeliveryLogApi log;

    @BeforeEach
    void newAccount() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Timeout Co");
        accountId = account.text("id");
        key = account.text("api_key");
        log = new DeliveryLogApi(api(), key);
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsAFailureThatSaysItTimedOut() {
        try (TestReceiver receiver = TestReceiver.start().answering(Reply.ok().after(SLOW))) {
            JsonNode attempt = firstAttemptOf(receiver.url());
            assertTimedOut(attempt);
        }
    }

    @Test
    void aBodyTrickledSlowerThanTheTimeoutIsCutOffToo() throws Exception {
        try (TricklingServer server = new TricklingServer()) {
            JsonNode attempt = firstAttemptOf(server.url());
            assertTimedOut(attempt);
        }
    }

    private static void assertTimedOut(JsonNode attempt) {
        assertThat(attempt.get("response").isNull()).isTrue();
        assertThat(attempt.get("error").asString()).containsIgnoringCase("timed out");
        assertThat(attempt.get("duration_ms").asLong()).isLessThan(SLOW.toMillis() - 1000);
    }

    private JsonNode firstAttemptOf(String url) {
        String endpointId = api().createEndpoint(key, url, "test.submitted").text("id");
        String eventId = api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(1))
                .text("id");
        JsonNode delivery = log.awaitAttempts(log.idOf(eventId, endpointId), 1, WAIT);
        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        return delivery.get("attempts").get(0);
    }

    /**
     * Answers at once with headers announcing 100 bytes, then sends one byte every 200 ms: no read
     * ever waits as long as the timeout, but the whole answer takes 20 s.
     */
    private static final class TricklingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;

        TricklingServer() throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        Thread.ofVirtual().start(() -> trickle(client));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/webhooks";
        }

        private static void trickle(Socket client) {
            try (client;
                    InputStream in = client.getInputStream();
                    OutputStream out = client.getOutputStream()) {
                readRequestHead(in);
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < 100; i++) {
                    Thread.sleep(200);
                    out.write('z');
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // The service hung up, as it should.
            }
        }

        private static void readRequestHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
