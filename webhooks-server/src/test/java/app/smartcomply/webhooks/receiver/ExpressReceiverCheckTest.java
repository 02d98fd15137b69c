package app.smartcomply.webhooks.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.CheckApi;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The endpoint conformance check against the quickstart's Express receiver, its code unchanged,
 * under Node. It rejects the forged, stale and tampered requests (400), acknowledges the repeated
 * event, and answers the valid request — but it fails two cases, each with its explanation:
 *
 * <ul>
 *   <li>no signature header: it crashes on {@code undefined.split} and Express answers 500 — not
 *       an acceptance, but not the 4xx a sender reads as "rejected" either;
 *   <li>two {@code v1=} values: {@code Object.fromEntries} keeps only the last one, so it accepts
 *       the header when the valid value is last and rejects it when the valid value is first —
 *       which is what it sees during a rotation until it has the new secret.
 * </ul>
 *
 * <p>The receiver compares the signature's {@code t} with the real {@code Date.now()}, so the
 * service's clock is kept at real time here.
 */
class ExpressReceiverCheckTest extends WebhooksAppTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void nodeAndExpress() {
        NodeToolchain.requireInstalled(ExpressQuickstartReceiver.FIXTURE);
    }

    @BeforeEach
    void keepServiceTimeReal() {
        clock.set(Instant.now());
    }

    @Test
    void passesAllButTheUnsignedAndTheRotationCasesWhichItFailsWithTheExplanation() {
        ApiClient api = api();
        String key = api.createAccount(ADMIN_KEY, "Express Co").text("api_key");
        Answer endpoint = api.createEndpoint(key, "http://127.0.0.1:9/webhooks/smartcomply", "*");
        String endpointId = endpoint.text("id");

        try (ExpressQuickstartReceiver express = ExpressQuickstartReceiver.start(endpoint.text("signing_secret"))) {
            ApiClient.expect(200, api.patch(CheckApi.path(endpointId), key, "{\"url\":\"" + express.url() + "\"}"));

            JsonNode check = new CheckApi(api).run(key, endpointId);

            Map<String, Boolean> expected = new LinkedHashMap<>();
            expected.put("valid_signature", true);
            expected.put("forged_signature", true);
            expected.put("stale_timestamp", true);
            expected.put("tampered_body", true);
            expected.put("missing_signature", false);
            expected.put("rotated_secrets", false);
            expected.put("duplicate_event", true);
            assertThat(CheckApi.verdicts(check)).as(check.toString()).containsExactlyEntriesOf(expected);

            JsonNode unsigned = CheckApi.caseNamed(check, "missing_signature");
            assertThat(unsigned.get("got").asString()).startsWith("HTTP 500");
            assertThat(unsigned.get("advice").asString())
                    .contains("without a signature header made your receiver fail");
            JsonNode rotation = CheckApi.caseNamed(check, "rotated_secrets");
            assertThat(rotation.get("got").asString())
                    .contains("forged v1= first, valid last: HTTP 200", "valid v1= first, forged last: HTTP 400");
            assertThat(rotation.get("advice").asString())
                    .contains("checks only the last v1= value", "any v1= value matches");

            // The receiver logged the valid event and its repeat, and none of the hostile requests
            // it rejected (the rotation request with the valid value last it did accept).
            express.awaitLine("Test event received successfully", TIMEOUT);
            assertThat(express.output().stream().filter(line -> line.startsWith("Received webhook.test")))
                    .hasSize(2);
            assertThat(express.output().stream().filter(line -> line.startsWith("Received webhook.check")))
                    .hasSize(1);
        }
    }
}
