package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How one attempt reads the receiver's answer: redirects are failures and are not
 * followed, only the first 64 KiB of a body is kept, and a refused connection is an error with no
 * response.
 */
class HttpSemanticsTest extends WebhooksAppTest {

    private static final int CAP = 64 * 1024;

    private String accountId;
    private String key;
    private DeliveryLogApi log;

    @BeforeEach
    void newAccount() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Semantics Co");
        accountId = account.text("id");
        key = account.text("api_key");
        log = new DeliveryLogApi(api(), key);
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        try (TestReceiver receiver = TestReceiver.start()) {
            receiver.answering(r -> r.path().equals("/moved")
                    ? Reply.status(302).withHeader("Location", receiver.url("/elsewhere"))
                    : Reply.ok());
            JsonNode delivery = firstAttemptOf(receiver.url("/moved"));

            assertThat(delivery.get("status").asString()).isEqualTo("pending");
            JsonNode attempt = delivery.get("attempts").get(0);
            assertThat(attempt.get("response").get("status").asInt()).isEqualTo(302);
            assertThat(attempt.get("response").get("headers").get("Location").asString())
                    .isEqualTo(receiver.url("/elsewhere"));
            engine().runDue(); // the redirect target is never asked for
            assertThat(receiver.received()).hasSize(1);
            assertThat(receiver.received())
                    .extracting(TestReceiver.Received::path)
                    .containsExactly("/moved");
        }
    }

    @Test
    void onlyTheFirst64KibOfAResponseBodyIsKept() {
        try (TestReceiver receiver = TestReceiver.start().answering(Reply.ok().withBody("x".repeat(1024 * 1024)))) {
            JsonNode delivery = firstAttemptOf(receiver.url());

            JsonNode response = delivery.get("attempts").get(0).get("response");
            assertThat(delivery.get("status").asString())
                    .as("%s", delivery.get("attempts").get(0).get("error"))
                    .isEqualTo("succeeded");
            assertThat(response.get("status").asInt()).isEqualTo(200);
            assertThat(response.get("body").asString()).hasSize(CAP).matches("x+");
            assertThat(response.get("body_truncated").asBoolean()).isTrue();
        }
    }

    @Test
    void aBodyOfExactly64KibIsKeptWhole() {
        try (TestReceiver receiver = TestReceiver.start().answering(Reply.ok().withBody("y".repeat(CAP)))) {
            JsonNode response =
                    firstAttemptOf(receiver.url()).get("attempts").get(0).get("response");
            assertThat(response.get("body").asString()).hasSize(CAP);
            assertThat(response.get("body_truncated").asBoolean()).isFalse();
        }
    }

    @Test
    void aRefusedConnectionIsAnErrorWithoutResponse() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        JsonNode delivery = firstAttemptOf("http://127.0.0.1:" + closedPort + "/webhooks");

        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        JsonNode attempt = delivery.get("attempts").get(0);
        assertThat(attempt.get("response").isNull()).isTrue();
        assertThat(attempt.get("error").asString()).containsIgnoringCase("connection refused");
        JsonNode listed =
                log.search("event_id=" + delivery.get("event_id").asString()).getFirst();
        assertThat(listed.get("last_response_status").isNull()).isTrue();
        assertThat(listed.get("last_error").asString()).containsIgnoringCase("connection refused");
    }

    /** Registers an endpoint at {@code url}, publishes one event, returns its delivery after attempt 1. */
    private JsonNode firstAttemptOf(String url) {
        String endpointId = api().createEndpoint(key, url, "test.submitted").text("id");
        String eventId = api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(1))
                .text("id");
        engine().settle();
        JsonNode delivery = log.get(log.idOf(eventId, endpointId));
        assertThat(delivery.get("attempt_count").asInt()).isEqualTo(1);
        return delivery;
    }
}
