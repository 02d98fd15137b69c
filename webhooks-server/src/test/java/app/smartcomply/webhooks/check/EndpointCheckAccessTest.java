package app.smartcomply.webhooks.check;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.CheckApi;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Who may check an endpoint and read its checks — its account's keys of its mode, and the admin
 * key; anyone else gets the answer of a missing id — and how long checks are kept: the newest
 * {@code keep-per-endpoint}, none older than {@code retention}, none of a deleted endpoint. An
 * endpoint gets at most {@code per-endpoint} checks (3 an hour here). A check left running by a
 * node that stopped does not block the endpoint for ever.
 */
@TestPropertySource(
        properties = {
            "webhooks.check.keep-per-endpoint=2",
            "webhooks.check.retention=30d",
            "webhooks.check.per-endpoint.requests=3",
            "webhooks.check.per-endpoint.per=1h"
        })
class EndpointCheckAccessTest extends WebhooksAppTest {

    @Autowired
    JdbcClient jdbc;

    private CheckApi checks;
    private TestReceiver receiver;
    private TestAccount owner;
    private String endpoint;

    @BeforeEach
    void anEndpointWithAReceiver() {
        checks = new CheckApi(api());
        receiver = TestReceiver.start();
        owner = TestAccount.create(api(), "Owner");
        endpoint = api().createEndpoint(owner.apiKey(), receiver.url(), "*").text("id");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anotherAccountOrTheOtherModeSeesNoSuchEndpoint() {
        String checkId = checks.run(owner.apiKey(), endpoint).get("id").asString();
        String stranger = TestAccount.create(api(), "Stranger").apiKey();
        String ownTestKey = ApiClient.expect(201, api().post("/api/v1/api-keys", owner.apiKey(), "{\"mode\":\"test\"}"))
                .text("api_key");

        for (String key : new String[] {stranger, ownTestKey}) {
            assertProblem(api().post(CheckApi.path(endpoint) + "/check", key, null), 404, "resource_missing", "id");
            assertProblem(api().get(CheckApi.path(endpoint) + "/checks", key), 404, "resource_missing", "id");
            assertProblem(
                    api().get(CheckApi.path(endpoint) + "/checks/" + checkId, key),
                    404,
                    "resource_missing",
                    "check_id");
        }
        assertThat(receiver.received()).hasSize(8); // the owner's check only
    }

    @Test
    void theAdminKeyChecksAnyEndpointAndReadsItsChecks() {
        JsonNode byAdmin = checks.run(ADMIN_KEY, endpoint);
        assertThat(byAdmin.get("endpoint_id").asString()).isEqualTo(endpoint);

        JsonNode seenByOwner = checks.awaitCompleted(
                owner.apiKey(), endpoint, byAdmin.get("id").asString());
        assertThat(seenByOwner).isEqualTo(byAdmin);
        assertProblem(
                api().post(CheckApi.path("whe_" + "0".repeat(32)) + "/check", ADMIN_KEY, null),
                404,
                "resource_missing",
                "id");
    }

    @Test
    void aReadOnlyKeyReadsChecksButCannotStartOne() {
        checks.run(owner.apiKey(), endpoint);
        String readOnly = ApiClient.expect(
                        201, api().post("/api/v1/api-keys", owner.apiKey(), "{\"scope\":\"read_only\"}"))
                .text("api_key");

        assertThat(ApiClient.expect(200, api().get(CheckApi.path(endpoint) + "/checks", readOnly))
                        .json()
                        .get("data"))
                .hasSize(1);
        assertProblem(
                api().post(CheckApi.path(endpoint) + "/check", readOnly, null),
                403,
                "insufficient_scope",
                "Authorization",
                readOnly);
    }

    @Test
    void badRequestsAreProblems() {
        assertProblem(
                api().get(CheckApi.path(endpoint) + "/checks/chk_nope", owner.apiKey()),
                404,
                "resource_missing",
                "check_id");
        assertProblem(
                api().post(CheckApi.path(endpoint) + "/check", owner.apiKey(), "{\"fast\":true}"),
                400,
                "unknown_parameter",
                "fast");
    }

    @Test
    void aDisabledEndpointCanBeCheckedADeletedOneCannotAndItsChecksGoWithIt() {
        ApiClient.expect(200, api().patch(CheckApi.path(endpoint), owner.apiKey(), "{\"status\":\"disabled\"}"));
        String checkId = checks.run(owner.apiKey(), endpoint).get("id").asString();

        ApiClient.expect(204, api().delete(CheckApi.path(endpoint), owner.apiKey()));

        assertProblem(
                api().post(CheckApi.path(endpoint) + "/check", owner.apiKey(), null), 404, "resource_missing", "id");
        assertProblem(
                api().get(CheckApi.path(endpoint) + "/checks/" + checkId, ADMIN_KEY), 404, "resource_missing", "id");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM endpoint_checks WHERE endpoint_id = ?")
                        .param(endpoint)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theNewestChecksAreKeptAndNoneOlderThanTheRetention() {
        String first = checks.run(owner.apiKey(), endpoint).get("id").asString();
        String second = checks.run(owner.apiKey(), endpoint).get("id").asString();
        String third = checks.run(owner.apiKey(), endpoint).get("id").asString();
        assertThat(listed()).containsExactly(third, second);
        assertProblem(
                api().get(CheckApi.path(endpoint) + "/checks/" + first, owner.apiKey()),
                404,
                "resource_missing",
                "check_id");

        advance(Duration.ofDays(31));
        String later = checks.run(owner.apiKey(), endpoint).get("id").asString();
        assertThat(listed()).containsExactly(later);
    }

    @Test
    void checksOfOneEndpointAreRateLimited() {
        for (int i = 0; i < 3; i++) {
            checks.run(owner.apiKey(), endpoint);
        }

        ApiClient.Answer limited = api().post(CheckApi.path(endpoint) + "/check", owner.apiKey(), null);
        assertProblem(limited, 429, "rate_limited", null);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 1200L);
        assertThat(receiver.received()).hasSize(24);

        advance(Duration.ofMinutes(20));
        checks.run(owner.apiKey(), endpoint);
    }

    @Test
    void aCheckLeftRunningByAStoppedNodeReadsAsInterruptedAndDoesNotBlockTheNext() {
        long longAgo = clock.millis() - Duration.ofMinutes(10).toMillis();
        jdbc.sql(
                        "INSERT INTO endpoint_checks (id, account_id, mode, endpoint_id, status, started_at, completed_at, cases)"
                                + " VALUES ('chk_0000000000000000000000000000dead', ?, 'live', ?, 'running', ?, NULL, '[]')")
                .params(owner.id(), endpoint, longAgo)
                .update();

        JsonNode abandoned = ApiClient.expect(
                        200,
                        api().get(
                                        CheckApi.path(endpoint) + "/checks/chk_0000000000000000000000000000dead",
                                        owner.apiKey()))
                .json();
        assertThat(abandoned.get("status").asString()).isEqualTo("completed");
        assertThat(abandoned.get("cases")).hasSize(7);
        assertThat(abandoned.get("cases").get(0).get("got").asString()).contains("interrupted");

        assertThat(checks.run(owner.apiKey(), endpoint).get("status").asString())
                .isEqualTo("completed");
    }

    private java.util.List<String> listed() {
        return ApiClient.expect(200, api().get(CheckApi.path(endpoint) + "/checks", owner.apiKey()))
                .json()
                .get("data")
                .valueStream()
                .map(c -> c.get("id").asString())
                .toList();
    }
}
