package app.smartcomply.webhooks.check;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.CheckApi;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Received;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The endpoint conformance check against real receivers on 127.0.0.1: a correct Java receiver
 * passes every case, one that answers 200 to everything fails the four it should reject; the
 * requests are what the cases say; one check runs per endpoint at a time; an unreachable endpoint
 * fails fast; a slow answer passes with a warning. Time in the service is the stepped clock.
 */
class EndpointCheckApiTest extends app.smartcomply.webhooks.testkit.WebhooksAppTest {

    private static final List<String> CASES = List.of(
            "valid_signature",
            "forged_signature",
            "stale_timestamp",
            "tampered_body",
            "missing_signature",
            "rotated_secrets",
            "duplicate_event");

    private CheckApi checks;
    private TestAccount account;
    private TestReceiver receiver;

    @BeforeEach
    void anAccount() {
        checks = new CheckApi(api());
        account = TestAccount.create(api(), "Check Co");
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** An endpoint whose receiver is made from its signing secret. */
    private String endpointFor(java.util.function.Function<String, TestReceiver> receiverForSecret) {
        Answer created = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/not-yet", "*");
        receiver = receiverForSecret.apply(created.text("signing_secret"));
        ApiClient.expect(
                200,
                api().patch(
                                CheckApi.path(created.text("id")),
                                account.apiKey(),
                                "{\"url\":\"" + receiver.url() + "\"}"));
        return created.text("id");
    }

    @Test
    void aCorrectJavaReceiverPassesEveryCase() {
        String endpoint = endpointFor(secret -> JavaReceiver.start(secret, clock));

        JsonNode check = checks.run(account.apiKey(), endpoint);

        assertThat(check.propertyNames())
                .containsExactly("id", "endpoint_id", "status", "started_at", "completed_at", "cases");
        assertThat(check.get("completed_at").isNull()).isFalse();
        assertThat(CheckApi.verdicts(check).keySet()).containsExactlyElementsOf(CASES);
        assertThat(CheckApi.verdicts(check).values()).as(check.toString()).containsOnly(true);
        check.get("cases").forEach(c -> {
            assertThat(c.propertyNames()).containsExactly("name", "passed", "expected", "got", "advice");
            assertThat(c.get("advice").isNull()).as(c.toString()).isTrue();
        });
        assertThat(CheckApi.caseNamed(check, "forged_signature").get("got").asString())
                .startsWith("HTTP 400");
    }

    @Test
    void theRequestsAreTheSevenCasesInOrder() {
        String endpoint = endpointFor(secret -> JavaReceiver.start(secret, clock));
        long before = clock.millis() / 1000;

        checks.run(account.apiKey(), endpoint);

        List<Received> got = receiver.received();
        assertThat(got).hasSize(8); // case 6 is sent in both orders
        assertThat(got)
                .extracting(r -> r.header("X-SmartComply-Event-Type"))
                .containsExactly(
                        "webhook.test",
                        "webhook.check",
                        "webhook.check",
                        "webhook.check",
                        "webhook.check",
                        "webhook.check",
                        "webhook.check",
                        "webhook.test");
        Received first = got.getFirst();
        assertThat(first.bodyText()).contains("\"type\":\"webhook.test\"", first.header("X-SmartComply-Event-Id"));
        assertThat(first.header("webhook-signature")).startsWith("v1,");
        assertThat(got.get(1).header("X-SmartComply-Signature")).isNotEqualTo(first.header("X-SmartComply-Signature"));
        assertThat(got.get(2).header("X-SmartComply-Signature")).startsWith("t=" + (before - 600));
        assertThat(got.get(3).bodyText()).contains("\"amount\":900");
        assertThat(got.get(4).header("X-SmartComply-Signature")).isNull();
        assertThat(got.get(4).header("webhook-signature")).isNull();
        assertThat(got.get(5).header("X-SmartComply-Signature").split(",v1=")).hasSize(3);
        assertThat(got.get(6).header("X-SmartComply-Signature").split(",v1=")).hasSize(3);
        Received repeat = got.get(7);
        assertThat(repeat.header("X-SmartComply-Event-Id")).isEqualTo(first.header("X-SmartComply-Event-Id"));
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("X-SmartComply-Attempt")).isEqualTo("2");
    }

    @Test
    void aReceiverThatAcceptsEverythingFailsTheFourItShouldReject() {
        String endpoint = endpointFor(secret -> TestReceiver.start());

        JsonNode check = checks.run(account.apiKey(), endpoint);

        Map<String, Boolean> expected = new java.util.LinkedHashMap<>();
        CASES.forEach(name -> expected.put(
                name,
                List.of("valid_signature", "rotated_secrets", "duplicate_event").contains(name)));
        assertThat(CheckApi.verdicts(check)).containsExactlyEntriesOf(expected);
        JsonNode forged = CheckApi.caseNamed(check, "forged_signature");
        assertThat(forged.get("expected").asString()).isEqualTo("4xx (rejected)");
        assertThat(forged.get("got").asString()).startsWith("HTTP 200");
        assertThat(forged.get("advice").asString()).contains("accepted a forged signature", "verify the HMAC");
        assertThat(CheckApi.caseNamed(check, "stale_timestamp").get("advice").asString())
                .contains("10 minutes old");
        assertThat(CheckApi.caseNamed(check, "tampered_body").get("advice").asString())
                .contains("raw body");
        assertThat(CheckApi.caseNamed(check, "missing_signature").get("advice").asString())
                .contains("without the X-SmartComply-Signature header");
    }

    @Test
    void oneCheckRunsPerEndpointAtATime() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        String endpoint = endpointFor(secret -> TestReceiver.start().answering(request -> {
            awaitQuietly(release);
            return Reply.ok();
        }));
        Answer running = checks.start(account.apiKey(), endpoint);
        assertThat(running.text("status")).isEqualTo("running");
        assertThat(running.json().get("cases")).isEmpty();
        receiver.awaitCount(1, CheckApi.WAIT);

        Answer conflict = assertProblem(
                api().post(CheckApi.path(endpoint) + "/check", account.apiKey(), null), 409, "check_in_progress", "id");
        assertThat(conflict.text("detail")).contains("already running").doesNotContain("[redacted]");
        JsonNode meanwhile = ApiClient.expect(
                        200, api().get(CheckApi.path(endpoint) + "/checks/" + running.text("id"), account.apiKey()))
                .json();
        assertThat(meanwhile.get("status").asString()).isEqualTo("running");
        assertThat(meanwhile.get("completed_at").isNull()).isTrue();

        release.countDown();
        checks.awaitCompleted(account.apiKey(), endpoint, running.text("id"));
        String next = checks.start(account.apiKey(), endpoint).text("id");
        checks.awaitCompleted(account.apiKey(), endpoint, next);
        JsonNode list = ApiClient.expect(200, api().get(CheckApi.path(endpoint) + "/checks", account.apiKey()))
                .json();
        assertThat(list.get("data")).extracting(c -> c.get("id").asString()).containsExactly(next, running.text("id"));
        assertThat(list.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void anUnreachableEndpointFailsTheFirstCaseAndSendsNothingMore() {
        String endpoint = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/closed", "*")
                .text("id");

        JsonNode check = checks.run(account.apiKey(), endpoint);

        JsonNode first = CheckApi.caseNamed(check, "valid_signature");
        assertThat(first.get("passed").asBoolean()).isFalse();
        assertThat(first.get("got").asString()).isEqualTo("Connection refused.");
        assertThat(first.get("advice").asString()).contains("could not get an answer", "reachable");
        assertThat(CheckApi.verdicts(check).values()).containsOnly(false).hasSize(7);
        assertThat(CheckApi.caseNamed(check, "duplicate_event").get("got").asString())
                .isEqualTo("Not sent: your endpoint gave no answer to the valid request");
    }

    @Test
    void aSlowAnswerPassesWithAWarning() {
        // The receiver takes "3 s" of the service's time to answer the first request.
        String endpoint = endpointFor(secret -> TestReceiver.start().answering(request -> {
            if (request.header("X-SmartComply-Event-Type").equals("webhook.test")
                    && request.header("X-SmartComply-Attempt").equals("1")) {
                clock.advance(Duration.ofSeconds(3));
            }
            return Reply.ok();
        }));

        JsonNode valid = CheckApi.caseNamed(checks.run(account.apiKey(), endpoint), "valid_signature");

        assertThat(valid.get("passed").asBoolean()).isTrue();
        assertThat(valid.get("got").asString()).startsWith("HTTP 200 in 3");
        assertThat(valid.get("advice").asString()).contains("took 3", "do the work afterwards");
    }

    @Test
    void aHugeAnswerIsReadOnlyInPartAndStillGraded() {
        // 1 MB answers: past webhooks.delivery.max-response-body the connection is dropped unread.
        String endpoint =
                endpointFor(secret -> TestReceiver.start().answering(Reply.ok().withBody("x".repeat(1_000_000))));

        JsonNode valid = CheckApi.caseNamed(checks.run(account.apiKey(), endpoint), "valid_signature");

        assertThat(valid.get("passed").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.get("got").asString()).startsWith("HTTP 200");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
