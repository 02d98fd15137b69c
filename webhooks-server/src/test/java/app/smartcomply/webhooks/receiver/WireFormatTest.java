package app.smartcomply.webhooks.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DeliveryLogReader;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Received;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What receivers see on the wire: headers, a body that is exactly the event, an
 * event id that stays put across retries, and an attempt number and signature timestamp that
 * do not.
 */
class WireFormatTest extends WebhooksAppTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter WIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void aDeliveryAndItsRetryCarryTheDocumentedHeadersAndTheExactEvent() {
        ApiClient api = api();
        AtomicInteger requests = new AtomicInteger();
        try (TestReceiver receiver = TestReceiver.start()
                .answering(request -> requests.getAndIncrement() == 0 ? Reply.status(500) : Reply.ok())) {
            Answer account = api.createAccount(ADMIN_KEY, "Wire Co");
            String key = account.text("api_key");
            Answer endpoint = api.createEndpoint(key, receiver.url(), "test.submitted");
            WebhookVerifier verifier = WebhookVerifier.withSecret(SigningSecret.parse(endpoint.text("signing_secret")))
                    .withClock(clock);

            Instant publishedAt = clock.instant();
            Answer event = api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1));
            String eventId = event.text("id");
            Received first = receiver.awaitCount(1, TIMEOUT).getFirst();

            assertThat(first.header("Content-Type")).isEqualTo("application/json");
            assertThat(first.header("User-Agent")).matches("SmartComply-Webhooks/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
            assertThat(first.header(WebhookSigner.EVENT_ID_HEADER))
                    .isEqualTo(eventId)
                    .matches("evt_[0-9a-f]{32}");
            assertThat(first.header(WebhookSigner.WEBHOOK_ID_HEADER)).isEqualTo(eventId);
            assertThat(first.header(WebhookSigner.EVENT_TYPE_HEADER)).isEqualTo("test.submitted");
            assertThat(first.header(WebhookSigner.DELIVERY_ID_HEADER)).matches("whd_[0-9a-f]{32}");
            assertThat(first.header(WebhookSigner.ATTEMPT_HEADER)).isEqualTo("1");
            assertThat(first.header(WebhookSigner.SIGNATURE_HEADER)).matches("t=\\d+,v1=[0-9a-f]{64}");
            assertThat(timestampOf(first)).isEqualTo(publishedAt.getEpochSecond());
            assertThat(first.header(WebhookSigner.WEBHOOK_TIMESTAMP_HEADER))
                    .isEqualTo(Long.toString(timestampOf(first)));
            verifier.verify(first.header(WebhookSigner.SIGNATURE_HEADER), first.body());

            // The body is the event itself: these four fields in this order, created_at in
            // milliseconds, data as published — the same JSON the publish API answered with, which
            // adds the event's mode after them (the receiver's endpoint is of that mode already).
            JsonNode body = JSON.readTree(first.body());
            assertThat(body.propertyNames()).containsExactly("id", "type", "created_at", "data");
            assertThat(body.get("id").asString()).isEqualTo(eventId);
            assertThat(body.get("type").asString()).isEqualTo("test.submitted");
            assertThat(body.get("created_at").asString())
                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z")
                    .isEqualTo(WIRE_TIME.format(publishedAt));
            assertThat(body.get("data")).isEqualTo(JSON.readTree(EventExamples.testSubmitted(1)));
            assertThat(event.body())
                    .isEqualTo(first.bodyText().substring(0, first.bodyText().length() - 1) + ",\"mode\":\"live\"}");

            // The receiver answered 500: the retry is due about 5 s later. Wait until the first
            // attempt is on record (its outcome schedules the retry), then step past that.
            new DeliveryLogReader(api, key).awaitAttempts(eventId, 1, TIMEOUT);
            advance(Duration.ofSeconds(10));
            Received second = receiver.awaitCount(2, TIMEOUT).get(1);

            assertThat(second.header(WebhookSigner.ATTEMPT_HEADER)).isEqualTo("2");
            assertThat(second.header(WebhookSigner.EVENT_ID_HEADER)).isEqualTo(eventId);
            assertThat(second.header(WebhookSigner.WEBHOOK_ID_HEADER)).isEqualTo(eventId);
            assertThat(second.header(WebhookSigner.DELIVERY_ID_HEADER))
                    .isEqualTo(first.header(WebhookSigner.DELIVERY_ID_HEADER));
            assertThat(timestampOf(second)).as("t is fresh on each attempt").isEqualTo(timestampOf(first) + 10);
            assertThat(second.header(WebhookSigner.WEBHOOK_TIMESTAMP_HEADER))
                    .isEqualTo(Long.toString(timestampOf(second)));
            assertThat(second.body()).isEqualTo(first.body());
            verifier.verify(second.header(WebhookSigner.SIGNATURE_HEADER), second.body());
            verifier.verifyStandardWebhooks(
                    second.header(WebhookSigner.WEBHOOK_ID_HEADER),
                    second.header(WebhookSigner.WEBHOOK_TIMESTAMP_HEADER),
                    second.header(WebhookSigner.WEBHOOK_SIGNATURE_HEADER),
                    second.body());

            // The delivery log tells the same story.
            JsonNode delivery = new DeliveryLogReader(api, key).awaitAttempts(eventId, 2, TIMEOUT);
            assertThat(delivery.get("status").asString()).isEqualTo("succeeded");
            assertThat(delivery.get("request_body").asString()).isEqualTo(first.bodyText());
            JsonNode attempts = delivery.get("attempts");
            assertThat(attempts.get(0).get("attempt_number").asInt()).isEqualTo(1);
            assertThat(attempts.get(0).get("response").get("status").asInt()).isEqualTo(500);
            assertThat(attempts.get(1).get("attempt_number").asInt()).isEqualTo(2);
            assertThat(attempts.get(1).get("response").get("status").asInt()).isEqualTo(200);
        }
    }

    private static long timestampOf(Received delivery) {
        String t = delivery.header(WebhookSigner.SIGNATURE_HEADER).split(",")[0];
        assertThat(t).startsWith("t=");
        return Long.parseLong(t.substring(2));
    }
}
