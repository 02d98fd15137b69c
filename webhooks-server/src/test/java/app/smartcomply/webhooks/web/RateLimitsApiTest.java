package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The API's limits against abuse, over real HTTP: requests per key, failed authentications per
 * client address, the endpoint cap per account and test events per endpoint. The limits are set
 * small here so a handful of requests reaches them; time is stepped, never waited for.
 */
@TestPropertySource(
        properties = {
            "webhooks.limits.api-key.requests=5",
            "webhooks.limits.api-key.per=1s",
            "webhooks.limits.api-key.burst=5",
            "webhooks.limits.failed-authentications.requests=3",
            "webhooks.limits.failed-authentications.per=1m",
            "webhooks.limits.test-events.requests=2",
            "webhooks.limits.test-events.per=1h",
            "webhooks.limits.endpoints-per-account=2"
        })
class RateLimitsApiTest extends WebhooksAppTest {

    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    private final TestReceiver receiver = TestReceiver.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void theRequestOverAKeysRateIsRefusedWith429UntilTimeHasPassed() {
        TestAccount account = TestAccount.create(api(), "Busy");
        for (int i = 0; i < 5; i++) {
            assertThat(api().get(ENDPOINTS, account.apiKey()).status())
                    .as("request %d", i + 1)
                    .isEqualTo(200);
        }

        ApiClient.Answer refused =
                assertProblem(api().get(ENDPOINTS, account.apiKey()), 429, "rate_limited", null, account.apiKey());
        // 5 a second refill one token every 200 ms: Retry-After rounds that up to whole seconds.
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.text("detail")).contains("5 per 1 second");

        clock.advance(Duration.ofMillis(199));
        assertThat(api().get(ENDPOINTS, account.apiKey()).status()).isEqualTo(429);
        clock.advance(Duration.ofMillis(1));
        assertThat(api().get(ENDPOINTS, account.apiKey()).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(api().get(ENDPOINTS, account.apiKey()).status())
                    .as("after a second, request %d", i + 1)
                    .isEqualTo(200);
        }
    }

    @Test
    void oneKeysLimitDoesNotSlowAnotherKeyNorTheAdminKey() {
        TestAccount busy = TestAccount.create(api(), "Busy");
        TestAccount calm = TestAccount.create(api(), "Calm");
        ApiClient client = api();
        for (int i = 0; i < 5; i++) {
            assertThat(client.get(ENDPOINTS, busy.apiKey()).status()).isEqualTo(200);
        }
        assertThat(client.get(ENDPOINTS, busy.apiKey()).status()).isEqualTo(429);

        assertThat(client.get(ENDPOINTS, calm.apiKey()).status()).isEqualTo(200);
        // The admin key is SmartComply's own services publishing: unlimited unless configured.
        for (int i = 0; i < 20; i++) {
            assertThat(client.get("/api/v1/accounts/" + calm.id() + "/api-keys", ADMIN_KEY)
                            .status())
                    .as("admin request %d", i + 1)
                    .isEqualTo(200);
        }
    }

    @Test
    void failedAuthenticationsFromOneAddressAreRefusedBeforeTheKeyIsLookedAt() {
        TestAccount account = TestAccount.create(api(), "Guessed");
        ApiClient guesser = ApiClient.onPortFrom(port, "127.0.0.2");
        ApiClient neighbour = ApiClient.onPortFrom(port, "127.0.0.3");
        for (int i = 0; i < 3; i++) {
            assertProblem(guesser.get(ENDPOINTS, "sc_live_guess" + i), 401, "invalid_api_key", "Authorization");
        }

        ApiClient.Answer refused = assertProblem(guesser.get(ENDPOINTS, "sc_live_guess3"), 429, "rate_limited", null);
        // 3 a minute: one more every 20 s.
        assertThat(refused.header("Retry-After")).isEqualTo("20");
        // Even the right key: a guess must not be confirmed while the address waits.
        assertProblem(guesser.get(ENDPOINTS, account.apiKey()), 429, "rate_limited", null, account.apiKey());
        assertProblem(guesser.get(ENDPOINTS, null), 429, "rate_limited", null);

        // Another address is not affected, with a right key or a wrong one.
        assertThat(neighbour.get(ENDPOINTS, account.apiKey()).status()).isEqualTo(200);
        assertProblem(neighbour.get(ENDPOINTS, "sc_live_typo"), 401, "invalid_api_key", "Authorization");

        clock.advance(Duration.ofSeconds(20));
        assertThat(guesser.get(ENDPOINTS, account.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void anAccountAtItsEndpointCapIsRefusedWithLimitExceededUntilItDeletesOne() {
        TestAccount account = TestAccount.create(api(), "Capped");
        String first = api().createEndpoint(account.apiKey(), "https://example.com/one", "*")
                .text("id");
        api().createEndpoint(account.apiKey(), "https://example.com/two", "*");

        ApiClient.Answer refused = assertProblem(
                api().post(ENDPOINTS, account.apiKey(), "{\"url\":\"https://example.com/three\",\"events\":[\"*\"]}"),
                409,
                "limit_exceeded",
                "endpoints");
        assertThat(refused.text("detail")).contains("(2)");
        assertThat(api().get(ENDPOINTS, account.apiKey()).json().get("data").size())
                .isEqualTo(2);

        // Another account has its own cap.
        TestAccount other = TestAccount.create(api(), "Other");
        api().createEndpoint(other.apiKey(), "https://example.com/other", "*");

        clock.advance(Duration.ofSeconds(1)); // keep the per-key rate out of the way
        ApiClient.expect(204, api().delete(ENDPOINTS + "/" + first, account.apiKey()));
        api().createEndpoint(account.apiKey(), "https://example.com/three", "*");
    }

    @Test
    void testEventsPerEndpointAreLimitedAndComeBackWithTime() {
        TestAccount account = TestAccount.create(api(), "Tester");
        String endpoint = api().createEndpoint(account.apiKey(), receiver.url("/test"), "*")
                .text("id");
        String otherEndpoint = api().createEndpoint(account.apiKey(), receiver.url("/other"), "*")
                .text("id");
        for (int i = 0; i < 2; i++) {
            ApiClient.expect(202, api().post(ENDPOINTS + "/" + endpoint + "/test", account.apiKey(), null));
            clock.advance(Duration.ofSeconds(1)); // keep the per-key rate out of the way
        }

        ApiClient.Answer refused = assertProblem(
                api().post(ENDPOINTS + "/" + endpoint + "/test", account.apiKey(), null), 429, "rate_limited", null);
        // 2 an hour: one more every 30 minutes, less the 2 s stepped above.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1798, 1800);
        assertThat(refused.text("detail")).contains("2 per 1 hour");
        ApiClient.expect(202, api().post(ENDPOINTS + "/" + otherEndpoint + "/test", account.apiKey(), null));

        clock.advance(Duration.ofMinutes(30));
        ApiClient.expect(202, api().post(ENDPOINTS + "/" + endpoint + "/test", account.apiKey(), null));
    }
}
