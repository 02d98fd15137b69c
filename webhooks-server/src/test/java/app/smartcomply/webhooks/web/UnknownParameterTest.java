package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import org.junit.jupiter.api.Test;

/**
 * A query parameter no route knows is refused, naming it: a typo such as {@code ?staus=failed}
 * would otherwise be ignored and answer with everything, looking like a filter that matched.
 */
class UnknownParameterTest extends WebhooksAppTest {

    @Test
    void aMisspelledFilterIsRefusedAndNamed() {
        TestAccount account = TestAccount.create(api(), "Typos");
        String endpoint = api().createEndpoint(account.apiKey(), "https://example.com/hook", "*")
                .text("id");

        assertProblem(
                api().get("/api/v1/webhooks/endpoints/" + endpoint + "/deliveries?staus=failed", account.apiKey()),
                400,
                "unknown_parameter",
                "staus");
        assertProblem(
                api().get("/api/v1/webhooks/deliveries?limit=5&evnt_type=test.submitted", account.apiKey()),
                400,
                "unknown_parameter",
                "evnt_type");
        assertProblem(
                api().get("/api/v1/events?tpye=notice.created", account.apiKey()), 400, "unknown_parameter", "tpye");
    }

    @Test
    void routesWithoutParametersRefuseAnyAndKnownOnesStillWork() {
        TestAccount account = TestAccount.create(api(), "Known");
        String endpoint = api().createEndpoint(account.apiKey(), "https://example.com/hook", "*")
                .text("id");

        assertProblem(
                api().get("/api/v1/webhooks/endpoints/" + endpoint + "?expand=secret", account.apiKey()),
                400,
                "unknown_parameter",
                "expand");
        assertProblem(
                api().post("/api/v1/webhooks/endpoints/" + endpoint + "/test?dry_run=true", account.apiKey(), null),
                400,
                "unknown_parameter",
                "dry_run");

        ApiClient.Answer filtered = ApiClient.expect(
                200,
                api().get(
                                "/api/v1/webhooks/endpoints/" + endpoint
                                        + "/deliveries?status=failed&event_type=test.submitted&limit=5",
                                account.apiKey()));
        assertThat(filtered.json().get("data")).isEmpty();
    }
}
