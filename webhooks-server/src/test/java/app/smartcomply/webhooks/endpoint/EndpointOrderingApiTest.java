package app.smartcomply.webhooks.endpoint;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ordering} and {@code ordering_key} through the API: set on create and PATCH, shown on
 * every read, unordered by default, and bad input refused with a problem naming the field. On
 * SQLite here, on PostgreSQL in the subclass.
 */
class EndpointOrderingApiTest extends WebhooksAppTest {

    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";
    private static final String URL = "http://127.0.0.1:9/ordered";

    private ApiClient api;
    private String key;
    private String accountId;

    @BeforeEach
    void account() {
        api = api();
        Answer account = api.createAccount(ADMIN_KEY, "Ordering Co " + System.nanoTime());
        key = account.text("api_key");
        accountId = account.text("id");
    }

    @Test
    void anEndpointIsUnorderedUnlessAskedAndShowsItsOrderingOnEveryRead() {
        Answer plain = api.createEndpoint(key, URL, "notice.created");
        assertThat(plain.text("ordering")).isEqualTo("none");
        assertThat(plain.json().get("ordering_key").isNull()).isTrue();

        Answer ordered = create("[\"notice.created\"]", ", \"ordering\": \"fifo\", \"ordering_key\": \"notice_id\"");
        assertThat(ordered.status()).isEqualTo(201);
        assertThat(ordered.text("ordering")).isEqualTo("fifo");
        assertThat(ordered.text("ordering_key")).isEqualTo("notice_id");
        Answer read = ApiClient.expect(200, api.get(ENDPOINTS + "/" + ordered.text("id"), key));
        assertThat(read.text("ordering")).isEqualTo("fifo");
        assertThat(read.text("ordering_key")).isEqualTo("notice_id");
        Answer listed = ApiClient.expect(200, api.get(ENDPOINTS, key));
        assertThat(listed.json().get("data").findValuesAsString("ordering")).containsExactlyInAnyOrder("fifo", "none");

        Answer oneLine = create("[\"notice.created\"]", ", \"ordering\": \"fifo\"");
        assertThat(oneLine.text("ordering")).isEqualTo("fifo");
        assertThat(oneLine.json().get("ordering_key").isNull()).isTrue();
    }

    @Test
    void aPatchSwitchesOrderingAndItsKeyOnAndOff() {
        String id = api.createEndpoint(key, URL, "notice.created").text("id");
        Answer on = patch(id, "{\"ordering\": \"fifo\", \"ordering_key\": \"notice_id\"}");
        assertThat(on.text("ordering")).isEqualTo("fifo");
        assertThat(on.text("ordering_key")).isEqualTo("notice_id");

        Answer keyless = patch(id, "{\"ordering_key\": null}");
        assertThat(keyless.text("ordering")).isEqualTo("fifo");
        assertThat(keyless.json().get("ordering_key").isNull()).isTrue();

        patch(id, "{\"ordering_key\": \"framework\"}");
        Answer unrelated = patch(id, "{\"description\": \"kept\"}");
        assertThat(unrelated.text("ordering_key")).isEqualTo("framework");

        Answer off = patch(id, "{\"ordering\": \"none\"}");
        assertThat(off.text("ordering")).isEqualTo("none");
        assertThat(off.json().get("ordering_key").isNull())
                .as("none drops the key")
                .isTrue();

        // Each change is in the audit log, newest first; a PATCH that changes nothing of it adds none.
        Answer audit = ApiClient.expect(200, api.get("/api/v1/audit-log?limit=100", key));
        assertThat(audit.json()
                        .get("data")
                        .valueStream()
                        .map(entry -> entry.get("changes").toString())
                        .filter(changes -> changes.contains("ordering"))
                        .toList())
                .containsExactly(
                        "[{\"field\":\"ordering\",\"from\":\"fifo\",\"to\":\"none\"},"
                                + "{\"field\":\"ordering_key\",\"from\":\"framework\",\"to\":null}]",
                        "[{\"field\":\"ordering_key\",\"from\":null,\"to\":\"framework\"}]",
                        "[{\"field\":\"ordering_key\",\"from\":\"notice_id\",\"to\":null}]",
                        "[{\"field\":\"ordering\",\"from\":\"none\",\"to\":\"fifo\"},"
                                + "{\"field\":\"ordering_key\",\"from\":null,\"to\":\"notice_id\"}]");
    }

    @Test
    void badOrderingIsRefusedNamingTheField() {
        assertProblem(create("[\"notice.created\"]", ", \"ordering\": \"lifo\""), 400, "invalid_ordering", "ordering");
        assertProblem(create("[\"notice.created\"]", ", \"ordering\": true"), 400, "invalid_ordering", "ordering");
        assertProblem(
                create("[\"notice.created\"]", ", \"ordering_key\": \"notice_id\""),
                400,
                "ordering_key_requires_fifo",
                "ordering_key");
        assertProblem(
                create("[\"notice.created\"]", ", \"ordering\": \"none\", \"ordering_key\": \"notice_id\""),
                400,
                "ordering_key_requires_fifo",
                "ordering_key");
        for (String path : new String[] {"\"\"", "\"a..b\"", "\"$where\"", "\"a.\"", "42", "[\"notice_id\"]"}) {
            assertProblem(
                    create("[\"notice.created\"]", ", \"ordering\": \"fifo\", \"ordering_key\": " + path),
                    400,
                    "invalid_ordering_key",
                    "ordering_key");
        }
        assertProblem(
                create(
                        "[\"notice.created\"]",
                        ", \"ordering\": \"fifo\", \"ordering_key\": \"" + "a.".repeat(10) + "b\""),
                400,
                "invalid_ordering_key",
                "ordering_key");
        // test.submitted has no notice_id: the key would put every event in the keyless line.
        assertProblem(
                create("[\"test.submitted\"]", ", \"ordering\": \"fifo\", \"ordering_key\": \"notice_id\""),
                400,
                "unknown_ordering_key",
                "ordering_key");
        // One subscribed type that has it is enough; the others' events go in the keyless line.
        assertThat(create(
                                "[\"notice.created\", \"test.submitted\"]",
                                ", \"ordering\": \"fifo\", \"ordering_key\": \"notice_id\"")
                        .status())
                .isEqualTo(201);
        assertThat(create(
                                "[\"test.submitted\"]",
                                ", \"ordering\": \"fifo\", \"ordering_key\": \"submitted_by.user_id\"")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aPatchIsCheckedAgainstTheOrderingItLeavesAndTheEventsItSets() {
        String unordered = api.createEndpoint(key, URL, "notice.created").text("id");
        assertProblem(
                api.patch(ENDPOINTS + "/" + unordered, key, "{\"ordering_key\": \"notice_id\"}"),
                400,
                "ordering_key_requires_fifo",
                "ordering_key");
        String keyed = create("[\"notice.created\"]", ", \"ordering\": \"fifo\", \"ordering_key\": \"notice_id\"")
                .text("id");
        assertProblem(
                api.patch(ENDPOINTS + "/" + keyed, key, "{\"events\": [\"test.submitted\"]}"),
                400,
                "unknown_ordering_key",
                "ordering_key");
        assertProblem(
                api.patch(ENDPOINTS + "/" + keyed, key, "{\"ordering\": \"FIFO\"}"),
                400,
                "invalid_ordering",
                "ordering");
        Answer unchanged = ApiClient.expect(200, api.get(ENDPOINTS + "/" + keyed, key));
        assertThat(unchanged.text("ordering_key")).isEqualTo("notice_id");
        assertThat(unchanged.json().get("events").get(0).asString()).isEqualTo("notice.created");
    }

    @Test
    void theDashboardShowsAndChangesTheOrderWithTheSameChecks() {
        String id = api.createEndpoint(key, URL, "notice.created").text("id");
        DashboardClient dashboard = DashboardClient.onPort(port);
        String session = dashboard.session(key);
        String page = "/dashboard/settings/webhooks/" + id;
        assertThat(dashboard.get(page, session).body())
                .contains("id=\"edit-ordering\"")
                .contains("As soon as possible");

        HttpResponse<String> refused = dashboard.post(
                page + "/ordering",
                session,
                Map.of("_csrf", dashboard.csrf(session), "ordering", "fifo", "ordering_key", "notic_id"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"ordering-error\"").contains("notic_id");
        assertThat(ApiClient.expect(200, api.get(ENDPOINTS + "/" + id, key)).text("ordering"))
                .isEqualTo("none");

        HttpResponse<String> saved = dashboard.post(
                page + "/ordering",
                session,
                Map.of("_csrf", dashboard.csrf(session), "ordering", "fifo", "ordering_key", "notice_id"));
        assertThat(saved.statusCode()).isEqualTo(302);
        Answer read = ApiClient.expect(200, api.get(ENDPOINTS + "/" + id, key));
        assertThat(read.text("ordering")).isEqualTo("fifo");
        assertThat(read.text("ordering_key")).isEqualTo("notice_id");
        assertThat(dashboard.get(page, session).body()).contains("id=\"ordering-key\">notice_id<");
        assertThat(dashboard.get(page + "/ordering", session).body())
                .contains("value=\"notice_id\"")
                .containsPattern("id=\"ordering-fifo\"[^>]*checked");

        // A delivery waiting behind an earlier one of its line says so on its page.
        String notice = "{\"notice_id\":\"ntc_1\",\"title\":\"t\",\"framework\":\"NDPR\",\"severity\":\"high\","
                + "\"created_at\":\"2026-05-05T14:00:00.000Z\"}";
        api.publish(ADMIN_KEY, accountId, "notice.created", notice);
        String second =
                api.publish(ADMIN_KEY, accountId, "notice.created", notice).text("id");
        String queued = new DeliveryLogApi(api, key).idOf(second, id);
        assertThat(dashboard.get("/dashboard/deliveries/" + queued, session).body())
                .contains("id=\"waits-in-line\"");

        dashboard.post(
                page + "/ordering",
                session,
                Map.of("_csrf", dashboard.csrf(session), "ordering", "none", "ordering_key", "notice_id"));
        read = ApiClient.expect(200, api.get(ENDPOINTS + "/" + id, key));
        assertThat(read.text("ordering")).isEqualTo("none");
        assertThat(read.json().get("ordering_key").isNull()).isTrue();
    }

    private Answer create(String events, String orderingFields) {
        return api.post(ENDPOINTS, key, "{\"url\": \"" + URL + "\", \"events\": " + events + orderingFields + "}");
    }

    private Answer patch(String id, String body) {
        return ApiClient.expect(200, api.patch(ENDPOINTS + "/" + id, key, body));
    }
}
