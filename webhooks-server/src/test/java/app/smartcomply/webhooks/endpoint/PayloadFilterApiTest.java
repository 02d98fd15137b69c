package app.smartcomply.webhooks.endpoint;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Received;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Filters end to end: saved and checked through the API, evaluated at publish — an event whose
 * data does not match creates no delivery for that endpoint, and its receiver gets nothing. On
 * SQLite here, on PostgreSQL in the subclass.
 */
class PayloadFilterApiTest extends WebhooksAppTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    @Autowired
    JdbcClient jdbc;

    @Test
    void onlyMatchingEventsAreDeliveredToAFilteredEndpoint() {
        ApiClient api = api();
        try (TestReceiver urgent = TestReceiver.start();
                TestReceiver everything = TestReceiver.start();
                TestReceiver lowOrNdpr = TestReceiver.start()) {
            Answer account = api.createAccount(ADMIN_KEY, "Filter Co");
            String key = account.text("api_key");
            Answer a = create(
                    api,
                    key,
                    urgent.url(),
                    "[\"notice.created\"]",
                    "{\"severity\": {\"$in\": [\"high\", \"critical\"]}}");
            assertThat(a.json().get("filter").toString()).isEqualTo("{\"severity\":{\"$in\":[\"high\",\"critical\"]}}");
            Answer b = create(api, key, everything.url(), "[\"notice.created\"]", null);
            assertThat(b.json().get("filter").isNull()).isTrue();
            Answer c = create(
                    api,
                    key,
                    lowOrNdpr.url(),
                    "[\"*\"]",
                    "{\"$or\": [{\"severity\": \"low\"}, {\"jurisdiction\": {\"$ne\": \"NG\"}}]}");

            Answer high = api.publish(ADMIN_KEY, account.text("id"), "notice.created", notice(1, "high", "NG"));
            Answer low = api.publish(ADMIN_KEY, account.text("id"), "notice.created", notice(2, "low", "NG"));
            Answer ghana = api.publish(ADMIN_KEY, account.text("id"), "notice.created", notice(3, "critical", "GH"));

            // Deliveries are made in the publish's transaction: what is not there now never will be.
            assertThat(deliveredEvents(a.text("id"))).containsExactlyInAnyOrder(high.text("id"), ghana.text("id"));
            assertThat(deliveredEvents(b.text("id")))
                    .containsExactlyInAnyOrder(high.text("id"), low.text("id"), ghana.text("id"));
            assertThat(deliveredEvents(c.text("id"))).containsExactlyInAnyOrder(low.text("id"), ghana.text("id"));

            assertThat(eventIds(urgent.awaitCount(2, TIMEOUT)))
                    .containsExactlyInAnyOrder(high.text("id"), ghana.text("id"));
            assertThat(eventIds(lowOrNdpr.awaitCount(2, TIMEOUT)))
                    .containsExactlyInAnyOrder(low.text("id"), ghana.text("id"));
            assertThat(everything.awaitCount(3, TIMEOUT)).hasSize(3);

            // Removing the filter: the next low event reaches it too.
            Answer cleared =
                    ApiClient.expect(200, api.patch(ENDPOINTS + "/" + a.text("id"), key, "{\"filter\": null}"));
            assertThat(cleared.json().get("filter").isNull()).isTrue();
            Answer later = api.publish(ADMIN_KEY, account.text("id"), "notice.created", notice(4, "low", "NG"));
            assertThat(deliveredEvents(a.text("id"))).contains(later.text("id"));
            assertThat(urgent.awaitCount(3, TIMEOUT)).hasSize(3);
            assertThat(urgent.received()).hasSize(3);
        }
    }

    @Test
    void filtersAreCheckedAgainstTheSubscribedTypesSchemas() {
        ApiClient api = api();
        Answer account = api.createAccount(ADMIN_KEY, "Schema Co");
        String key = account.text("api_key");
        String url = "http://127.0.0.1:9/x";
        assertProblem(
                post(api, key, url, "[\"notice.created\"]", "{\"severty\": \"high\"}"),
                400,
                "unknown_filter_field",
                "filter.severty");
        // test.submitted has no severity: a filter on it would never match.
        assertProblem(
                post(
                        api,
                        key,
                        url,
                        "[\"test.submitted\"]",
                        "{\"$or\": [{\"score\": {\"$gte\": 50}}, {\"severity\": \"high\"}]}"),
                400,
                "unknown_filter_field",
                "filter.$or[1].severity");
        assertProblem(
                post(api, key, url, "[\"test.submitted\"]", "{\"submitted_by.name\": {\"$regex\": \"^A\"}}"),
                400,
                "unknown_filter_operator",
                "filter.submitted_by.name.$regex");
        assertProblem(post(api, key, url, "[\"test.submitted\"]", "\"score > 50\""), 400, "invalid_filter", "filter");
        // Nested fields by dotted path, and any type's fields under "*".
        ApiClient.expect(
                201, post(api, key, url, "[\"test.submitted\"]", "{\"submitted_by.email\": {\"$exists\": true}}"));
        Answer any = ApiClient.expect(201, post(api, key, url, "[\"*\"]", "{\"severity\": \"high\"}"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM endpoints WHERE account_id = ?")
                        .param(account.text("id"))
                        .query(Integer.class)
                        .single())
                .as("a refused create writes nothing")
                .isEqualTo(2);

        // A PATCH of the events re-checks the stored filter, and of the filter checks it against the events.
        String id = any.text("id");
        assertProblem(
                api.patch(ENDPOINTS + "/" + id, key, "{\"events\": [\"test.submitted\"]}"),
                400,
                "unknown_filter_field",
                "filter.severity");
        assertProblem(
                api.patch(ENDPOINTS + "/" + id, key, "{\"filter\": {\"severity\": {\"$in\": \"high\"}}}"),
                400,
                "invalid_filter_operand",
                "filter.severity.$in");
        Answer unchanged = ApiClient.expect(200, api.get(ENDPOINTS + "/" + id, key));
        assertThat(unchanged.json().get("events").get(0).asString()).isEqualTo("*");
        assertThat(unchanged.json().get("filter").toString()).isEqualTo("{\"severity\":\"high\"}");
        Answer both = ApiClient.expect(
                200,
                api.patch(
                        ENDPOINTS + "/" + id,
                        key,
                        "{\"events\": [\"test.submitted\"], \"filter\": {\"result\": \"failed\"}}"));
        assertThat(both.json().get("filter").toString()).isEqualTo("{\"result\":\"failed\"}");
        assertThat(ApiClient.expect(200, api.patch(ENDPOINTS + "/" + id, key, "{\"filter\": {}}"))
                        .json()
                        .get("filter")
                        .isNull())
                .isTrue();
    }

    @Test
    void theDashboardShowsAndEditsTheFilterWithTheSameChecks() {
        ApiClient api = api();
        String key = api.createAccount(ADMIN_KEY, "Dashboard Filter Co").text("api_key");
        String id = create(api, key, "http://127.0.0.1:9/x", "[\"notice.created\"]", null)
                .text("id");
        DashboardClient dashboard = DashboardClient.onPort(port);
        String session = dashboard.session(key);
        String page = "/dashboard/settings/webhooks/" + id;
        assertThat(dashboard.get(page, session).body())
                .contains("id=\"edit-filter\"")
                .contains("None: every event");

        HttpResponse<String> refused = dashboard.post(
                page + "/filter",
                session,
                Map.of("_csrf", dashboard.csrf(session), "filter", "{\"severty\": \"high\"}"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("filter.severty").contains("severty");
        HttpResponse<String> notJson = dashboard.post(
                page + "/filter", session, Map.of("_csrf", dashboard.csrf(session), "filter", "{severity: high"));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");

        HttpResponse<String> saved = dashboard.post(
                page + "/filter",
                session,
                Map.of("_csrf", dashboard.csrf(session), "filter", "{\"severity\": {\"$in\": [\"high\"]}}"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(ApiClient.expect(200, api.get(ENDPOINTS + "/" + id, key))
                        .json()
                        .get("filter")
                        .toString())
                .isEqualTo("{\"severity\":{\"$in\":[\"high\"]}}");
        assertThat(dashboard.get(page, session).body())
                .contains("id=\"filter-json\">{&quot;severity&quot;:{&quot;$in&quot;:[&quot;high&quot;]}}<");
        assertThat(dashboard.get(page + "/filter", session).body()).contains("&quot;$in&quot;");

        // The edit form's new events are checked against the filter too.
        HttpResponse<String> otherEvents = dashboard.post(
                page,
                session,
                Map.of(
                        "_csrf",
                        dashboard.csrf(session),
                        "url",
                        "http://127.0.0.1:9/x",
                        "events",
                        "test.submitted",
                        "description",
                        ""));
        assertThat(otherEvents.statusCode()).isEqualTo(400);
        assertThat(otherEvents.body()).contains("has the field &#39;severity&#39;");

        dashboard.post(page + "/filter", session, Map.of("_csrf", dashboard.csrf(session), "filter", ""));
        assertThat(ApiClient.expect(200, api.get(ENDPOINTS + "/" + id, key))
                        .json()
                        .get("filter")
                        .isNull())
                .isTrue();
    }

    private List<String> deliveredEvents(String endpointId) {
        return jdbc.sql("SELECT event_id FROM deliveries WHERE endpoint_id = ?")
                .param(endpointId)
                .query(String.class)
                .list();
    }

    private static List<String> eventIds(List<Received> received) {
        return received.stream().map(r -> r.header("webhook-id")).toList();
    }

    private static Answer create(ApiClient api, String key, String url, String events, String filter) {
        return ApiClient.expect(201, post(api, key, url, events, filter));
    }

    private static Answer post(ApiClient api, String key, String url, String events, String filter) {
        return api.post(
                ENDPOINTS,
                key,
                "{\"url\":\"" + url + "\",\"events\":" + events + (filter == null ? "" : ",\"filter\":" + filter)
                        + "}");
    }

    private static String notice(int n, String severity, String jurisdiction) {
        return """
        {"notice_id":"ntc_%032x","title":"Updated filing requirements","framework":"NDPR","severity":"%s",
         "jurisdiction":"%s","created_at":"2026-05-05T14:00:00.000Z"}""".formatted(n, severity, jurisdiction);
    }
}
