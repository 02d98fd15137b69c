package app.smartcomply.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Custom headers per endpoint, end to end: saved with the endpoint, sent to a real receiver on
 * every attempt, shown everywhere else — API reads, the attempt log, the store, the logs — with
 * their values masked or encrypted.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"webhooks.delivery.retry-schedule=1s", "webhooks.delivery.jitter=0"})
class CustomHeadersTest extends WebhooksAppTest {

    static final String ENDPOINTS = "/api/v1/webhooks/endpoints";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "Bearer tok-7c1e0b9a52d84f3e";

    @Autowired
    JdbcClient jdbc;

    private TestReceiver receiver;
    private TestAccount account;

    @BeforeEach
    void receiverAndAccount() {
        receiver = TestReceiver.start();
        account = TestAccount.create(api(), "Custom headers");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private String create(String headersJson) {
        return ApiClient.expect(
                        201,
                        api().post(
                                        ENDPOINTS,
                                        account.apiKey(),
                                        "{\"url\":\"" + receiver.url()
                                                + "\",\"events\":[\"test.submitted\"],\"headers\":" + headersJson
                                                + "}"))
                .text("id");
    }

    private String publish(int n) {
        return api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(n))
                .text("id");
    }

    @Test
    void everyAttemptCarriesTheHeadersAndTheAttemptLogShowsThemMasked(CapturedOutput output) {
        AtomicInteger calls = new AtomicInteger();
        receiver.answering(
                r -> calls.incrementAndGet() == 1 ? TestReceiver.Reply.status(503) : TestReceiver.Reply.ok());
        String endpointId = create("{\"Authorization\":\"" + TOKEN + "\",\"X-Team\":\"payments\"}");
        DeliveryLogApi log = new DeliveryLogApi(api(), account.apiKey());

        String deliveryId = log.idOf(publish(1), endpointId);
        receiver.awaitCount(1, WAIT);
        log.awaitAttempts(deliveryId, 1, WAIT);
        advance(Duration.ofSeconds(2));
        receiver.awaitCount(2, WAIT);
        JsonNode delivery = log.awaitStatus(deliveryId, "succeeded", WAIT);

        for (TestReceiver.Received attempt : receiver.received()) {
            assertThat(attempt.header("Authorization")).isEqualTo(TOKEN);
            assertThat(attempt.header("X-Team")).isEqualTo("payments");
            assertThat(attempt.header("webhook-signature")).startsWith("v1,");
        }
        assertThat(delivery.get("attempts")).hasSize(2);
        for (JsonNode attempt : delivery.get("attempts")) {
            JsonNode sent = attempt.get("request").get("headers");
            assertThat(sent.get("Authorization").asString()).isEqualTo("********");
            assertThat(sent.get("X-Team").asString()).isEqualTo("********");
        }
        assertThat(delivery.toString()).doesNotContain(TOKEN).doesNotContain("tok-7c1e");
        assertThat(output.getAll()).doesNotContain("tok-7c1e");
    }

    @Test
    void readsShowNamesWithMaskedValuesAndTheStoreHoldsThemEncrypted() {
        String id = create("{\"Authorization\":\"" + TOKEN + "\",\"X-Team\":\"payments\"}");

        ApiClient.Answer read = ApiClient.expect(200, api().get(ENDPOINTS + "/" + id, account.apiKey()));
        ApiClient.Answer list = ApiClient.expect(200, api().get(ENDPOINTS, account.apiKey()));

        assertThat(read.json().get("headers").propertyNames()).containsExactly("Authorization", "X-Team");
        assertThat(read.json().get("headers").get("Authorization").asString()).isEqualTo("********");
        assertThat(read.json().get("headers").get("X-Team").asString()).isEqualTo("********");
        for (ApiClient.Answer answer : List.of(read, list)) {
            assertThat(answer.body()).doesNotContain("tok-7c1e").doesNotContain("payments");
        }
        String stored = jdbc.sql("SELECT custom_headers FROM endpoints WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain("tok-7c1e").doesNotContain("payments");
    }

    @Test
    void patchReplacesTheHeadersAndNullRemovesThem() {
        String id = create("{\"X-Team\":\"payments\",\"X-Old\":\"1\"}");

        ApiClient.Answer replaced = ApiClient.expect(
                200, api().patch(ENDPOINTS + "/" + id, account.apiKey(), "{\"headers\":{\"X-Team\":\"billing\"}}"));
        assertThat(replaced.json().get("headers").propertyNames()).containsExactly("X-Team");
        publish(2);
        assertThat(receiver.awaitCount(1, WAIT).getFirst().header("X-Team")).isEqualTo("billing");
        assertThat(receiver.received().getFirst().header("X-Old")).isNull();

        ApiClient.Answer untouched = ApiClient.expect(
                200,
                api().patch(ENDPOINTS + "/" + id, account.apiKey(), "{\"description\":\"still has its headers\"}"));
        assertThat(untouched.json().get("headers").propertyNames()).containsExactly("X-Team");

        ApiClient.Answer cleared =
                ApiClient.expect(200, api().patch(ENDPOINTS + "/" + id, account.apiKey(), "{\"headers\":null}"));
        assertThat(cleared.json().get("headers").isEmpty()).isTrue();
        publish(3);
        assertThat(receiver.awaitCount(2, WAIT).get(1).header("X-Team")).isNull();
        assertThat(jdbc.sql("SELECT custom_headers FROM endpoints WHERE id = ?")
                        .param(id)
                        .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                        .single())
                .isEmpty();
    }

    @Test
    void theCreateAnswerShowsTheHeadersMaskedAndLeavesThemOutWhenThereAreNone() {
        ApiClient.Answer with = ApiClient.expect(
                201,
                api().post(
                                ENDPOINTS,
                                account.apiKey(),
                                "{\"url\":\"" + receiver.url()
                                        + "\",\"events\":[\"*\"],\"headers\":{\"X-Team\":\"payments\"}}"));
        ApiClient.Answer without = api().createEndpoint(account.apiKey(), receiver.url(), "*");

        assertThat(with.json().get("headers").get("X-Team").asString()).isEqualTo("********");
        assertThat(with.body()).doesNotContain("payments");
        assertThat(without.json().has("headers")).isFalse();
    }
}
