package app.smartcomply.webhooks.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.receiver.ClientLibraryReceiver.Kind;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DeliveryLogReader;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live deliveries of the whole service, verified by receivers built on the Node and the Python
 * client libraries (clients/node, clients/python), each its own process on 127.0.0.1: they accept
 * the test event and an ordinary event, and, because they check every {@code v1}, keep verifying
 * with the old secret during a rotation, when the valid signature is not the last one.
 *
 * <p>The libraries compare {@code t} with the real time, so the service's clock is kept at real
 * time here and never stepped ahead of it.
 */
class ClientLibraryReceiversTest extends WebhooksAppTest {

    /** Bounds a hang only; a delivery to a loopback receiver normally lands in milliseconds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Where endpoints point until their receiver runs: the secret is needed to start it. */
    private static final String NOT_YET_RUNNING = "http://127.0.0.1:9/webhooks/smartcomply";

    @BeforeAll
    static void interpreters() {
        ClientLibraryReceiver.requireInterpreter(Kind.NODE);
        ClientLibraryReceiver.requireInterpreter(Kind.PYTHON);
    }

    @BeforeEach
    void keepServiceTimeReal() {
        clock.set(Instant.now());
    }

    @Test
    void bothLibrariesVerifyTheTestEventAndAnOrdinaryEvent() {
        ApiClient api = api();
        Answer account = api.createAccount(ADMIN_KEY, "Libraries Co");
        String key = account.text("api_key");
        Answer nodeEndpoint = api.createEndpoint(key, NOT_YET_RUNNING, "test.submitted");
        Answer pythonEndpoint = api.createEndpoint(key, NOT_YET_RUNNING, "test.submitted");
        DeliveryLogReader log = new DeliveryLogReader(api, key);

        try (ClientLibraryReceiver node =
                        ClientLibraryReceiver.start(Kind.NODE, List.of(nodeEndpoint.text("signing_secret")));
                ClientLibraryReceiver python =
                        ClientLibraryReceiver.start(Kind.PYTHON, List.of(pythonEndpoint.text("signing_secret")))) {
            pointAt(key, nodeEndpoint.text("id"), node.url());
            pointAt(key, pythonEndpoint.text("id"), python.url());

            for (ClientLibraryReceiver receiver : List.of(node, python)) {
                String endpointId = receiver == node ? nodeEndpoint.text("id") : pythonEndpoint.text("id");
                Answer test = ApiClient.expect(
                        202, api.post("/api/v1/webhooks/endpoints/" + endpointId + "/test", key, null));
                receiver.awaitLine("verified webhook.test " + test.text("id"), TIMEOUT);
                assertSucceeded(log.awaitAttempts(test.text("id"), 1, TIMEOUT));
            }

            Answer event = api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1));
            node.awaitLine("verified test.submitted " + event.text("id"), TIMEOUT);
            python.awaitLine("verified test.submitted " + event.text("id"), TIMEOUT);
            assertThat(node.output()).noneMatch(line -> line.startsWith("rejected"));
            assertThat(python.output()).noneMatch(line -> line.startsWith("rejected"));
        }
    }

    @Test
    void duringARotationReceiversStillOnTheOldSecretVerifyBecauseEveryV1IsChecked() {
        ApiClient api = api();
        Answer account = api.createAccount(ADMIN_KEY, "Rotating Libraries Co");
        String key = account.text("api_key");
        Answer endpoint = api.createEndpoint(key, NOT_YET_RUNNING, "test.submitted");
        String endpointId = endpoint.text("id");
        String oldSecret = endpoint.text("signing_secret");
        ApiClient.expect(
                200,
                api.post(
                        "/api/v1/webhooks/endpoints/" + endpointId + "/rotate-secret",
                        key,
                        "{\"grace_period_seconds\": 3600}"));
        DeliveryLogReader log = new DeliveryLogReader(api, key);

        for (Kind kind : Kind.values()) {
            try (ClientLibraryReceiver receiver = ClientLibraryReceiver.start(kind, List.of(oldSecret))) {
                pointAt(key, endpointId, receiver.url());
                Answer event =
                        api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(2));
                JsonNode delivery = log.awaitAttempts(event.text("id"), 1, TIMEOUT);
                // Old secret first, new last: the quickstart's "last v1 only" would reject this delivery.
                assertThat(signatureOf(delivery).split(",v1="))
                        .as("t plus one v1 per valid secret")
                        .hasSize(3);
                assertSucceeded(delivery);
                receiver.awaitLine("verified test.submitted " + event.text("id"), TIMEOUT);
            }
        }
    }

    private void pointAt(String key, String endpointId, String url) {
        ApiClient.expect(
                200, api().patch("/api/v1/webhooks/endpoints/" + endpointId, key, "{\"url\":\"" + url + "\"}"));
    }

    private static void assertSucceeded(JsonNode delivery) {
        assertThat(delivery.get("status").asString()).as("delivery status").isEqualTo("succeeded");
        JsonNode response = delivery.get("attempts").get(0).get("response");
        assertThat(response.get("status").asInt()).as("receiver's HTTP status").isEqualTo(200);
    }

    private static String signatureOf(JsonNode delivery) {
        JsonNode headers = delivery.get("attempts").get(0).get("request").get("headers");
        for (String name : headers.propertyNames()) {
            if (name.equalsIgnoreCase("X-SmartComply-Signature")) {
                return headers.get(name).asString();
            }
        }
        throw new AssertionError("No X-SmartComply-Signature in the logged request: " + headers);
    }
}
