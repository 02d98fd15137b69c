package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A receiver is any server a customer points an endpoint at, so it may answer with anything. What
 * it sends back is read only within limits (8 KiB per header line, 100 headers, 64 KiB of headers
 * in all); past them the attempt is a failure that says why, the answer is not read further, and
 * nothing the service shares with other customers' deliveries is hurt by it.
 */
@TestPropertySource(properties = "management.endpoint.health.show-components=always")
class HostileReceiverTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] STATUS_LINE = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);

    private String accountId;
    private String key;
    private DeliveryLogApi log;

    @BeforeEach
    void newAccount() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Hostile Co");
        accountId = account.text("id");
        key = account.text("api_key");
        log = new DeliveryLogApi(api(), key);
    }

    @Test
    void anEnormousHeaderLineFailsTheAttemptUnreadAndOthersAreStillDelivered() throws Exception {
        long offered = 128L * 1024 * 1024;
        try (RawReceiver hostile = new RawReceiver(out -> {
            out.write(STATUS_LINE);
            out.write("X-Huge: ".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            for (long sent = 0; sent < offered; sent += chunk.length) {
                out.write(chunk);
            }
            out.write("\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            JsonNode delivery = firstAttemptOf(hostile.url());

            assertFailedUnread(
                    delivery, "The receiver's response has a header line longer than 8 KiB; the answer was not read.");
            // The service hung up instead of reading on: far less than offered went out (what did is
            // mostly the two sockets' buffers).
            assertThat(hostile.bytesWritten()).isLessThan(32L * 1024 * 1024);
        }
        assertOthersAreStillDelivered();
    }

    @Test
    void twoHundredThousandHeadersFailTheAttemptUnreadAndOthersAreStillDelivered() throws Exception {
        try (RawReceiver hostile = new RawReceiver(out -> {
            out.write(STATUS_LINE);
            for (int i = 0; i < 200_000; i++) {
                out.write(("X-Many: " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            JsonNode delivery = firstAttemptOf(hostile.url());

            assertFailedUnread(delivery, "The receiver's response has more than 100 headers; the answer was not read.");
        }
        assertOthersAreStillDelivered();
    }

    @Test
    void headersWithinEachLimitButOver64KibInAllFailTheAttemptUnread() throws Exception {
        String value = "v".repeat(1000);
        try (RawReceiver hostile = new RawReceiver(out -> {
            out.write(STATUS_LINE);
            for (int i = 0; i < 90; i++) {
                out.write(("X-Big-" + i + ": " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            JsonNode delivery = firstAttemptOf(hostile.url());

            assertFailedUnread(
                    delivery, "The receiver's response headers exceed 64 KiB in all; the answer was not read.");
        }
        assertOthersAreStillDelivered();
    }

    @Test
    void oneHundredHeadersJustUnder64KibAreKeptWhole() throws Exception {
        String value = "w".repeat(600);
        try (RawReceiver generous = new RawReceiver(out -> {
            out.write(STATUS_LINE);
            for (int i = 0; i < 99; i++) {
                out.write(("X-Big-" + i + ": " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("Content-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
        })) {
            JsonNode delivery = firstAttemptOf(generous.url());

            assertThat(delivery.get("status").asString())
                    .as("%s", delivery.get("attempts").get(0).get("error"))
                    .isEqualTo("succeeded");
            JsonNode headers = delivery.get("attempts").get(0).get("response").get("headers");
            assertThat(headers.size()).isEqualTo(100);
            assertThat(headers.get("X-Big-0").asString()).isEqualTo(value);
            assertThat(headers.get("X-Big-98").asString()).isEqualTo(value);
        }
    }

    /**
     * A failed attempt with no response stored, and the delivery moved on through the retry
     * schedule: pending, with its next attempt set for later — not attempted again and again.
     */
    private void assertFailedUnread(JsonNode delivery, String error) {
        JsonNode attempt = delivery.get("attempts").get(0);
        assertThat(attempt.get("error").asString()).isEqualTo(error);
        assertThat(attempt.get("response").isNull()).isTrue();
        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        assertThat(delivery.get("attempt_count").asInt()).isEqualTo(1);
        assertThat(Instant.parse(delivery.get("next_attempt_at").asString())).isAfter(clock.instant());
        JsonNode listed =
                log.search("event_id=" + delivery.get("event_id").asString()).getFirst();
        assertThat(listed.get("last_error").asString()).isEqualTo(error);
    }

    /** A well-behaved endpoint, registered after the hostile one, gets its delivery; health is UP. */
    private void assertOthersAreStillDelivered() {
        try (TestReceiver wellBehaved = TestReceiver.start()) {
            JsonNode delivery = firstAttemptOf(wellBehaved.url());
            assertThat(delivery.get("status").asString())
                    .as("%s", delivery.get("attempts").get(0).get("error"))
                    .isEqualTo("succeeded");
            assertThat(wellBehaved.received()).hasSize(1);
        }
        ApiClient.Answer health = api().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()
                        .get("components")
                        .get("webhookHttpClient")
                        .get("status")
                        .asString())
                .isEqualTo("UP");
    }

    /** Registers an endpoint at {@code url}, publishes one event, returns its delivery after attempt 1. */
    private JsonNode firstAttemptOf(String url) {
        String endpointId = api().createEndpoint(key, url, "test.submitted").text("id");
        String eventId = api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(1))
                .text("id");
        return log.awaitAttempts(log.idOf(eventId, endpointId), 1, WAIT);
    }

    /** What a raw receiver writes after reading the request. */
    @FunctionalInterface
    private interface Answer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * An HTTP server written on a bare socket, so it can answer what no HTTP library would: it reads
     * the request and then writes whatever its {@link Answer} says, until the service hangs up.
     */
    private static final class RawReceiver implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;
        private final AtomicLong written = new AtomicLong();

        RawReceiver(Answer answer) throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        Thread.ofVirtual().start(() -> answer(client, answer));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/webhooks";
        }

        long bytesWritten() {
            return written.get();
        }

        private void answer(Socket client, Answer answer) {
            try (client;
                    InputStream in = client.getInputStream();
                    OutputStream out = new Counting(client.getOutputStream())) {
                readRequest(in);
                answer.write(out);
                out.flush();
            } catch (IOException hungUp) {
                // The service stopped reading and closed the connection, as it should.
            }
        }

        /** Reads the request to its end: closing with some of it unread would reset the connection. */
        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                    .matcher(head);
            in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        }

        /** Counts what the socket accepted, to show how much the service let through. */
        private final class Counting extends java.io.FilterOutputStream {
            Counting(OutputStream out) {
                super(new java.io.BufferedOutputStream(out, 64 * 1024));
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written.addAndGet(len);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
