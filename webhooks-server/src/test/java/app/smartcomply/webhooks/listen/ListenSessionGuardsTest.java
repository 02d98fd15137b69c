package app.smartcomply.webhooks.listen;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.testkit.WithoutRateLimits;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A listen session is no HTTP endpoint and never becomes one: the engine never sends its
 * deliveries (no retry, no recover), its URL and events cannot be changed, and another account
 * can neither report to it nor resume it. Driven over the real stream, without the CLI.
 */
@WithoutRateLimits
class ListenSessionGuardsTest extends WebhooksAppTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theEngineNeverTakesOverAListenSessionsDeliveries() throws Exception {
        Account account = newAccount("Guarded Listen Co");
        Reported reported = reportOneFailedForward(account);

        Answer retry =
                api().post("/api/v1/webhooks/deliveries/" + reported.deliveryId() + "/retry", account.key(), null);
        assertListenSessionConflict(retry);
        Answer recover =
                api().post("/api/v1/webhooks/endpoints/" + reported.session() + "/recover", account.key(), null);
        assertListenSessionConflict(recover);

        // Still failed, never pending for the engine.
        JsonNode delivery = ApiClient.expect(
                        200, api().get("/api/v1/webhooks/deliveries/" + reported.deliveryId(), account.key()))
                .json();
        assertThat(delivery.get("status").asString()).isEqualTo("failed");
        assertThat(delivery.get("attempts").size()).isEqualTo(1);
    }

    @Test
    void aListenSessionsUrlAndEventsCannotBeChanged() throws Exception {
        Account account = newAccount("Patched Listen Co");
        Reported reported = reportOneFailedForward(account);
        String path = "/api/v1/webhooks/endpoints/" + reported.session();

        assertListenSessionConflict(api().patch(path, account.key(), "{\"url\":\"https://example.com/hook\"}"));
        assertListenSessionConflict(api().patch(path, account.key(), "{\"events\":[\"notice.created\"]}"));
        JsonNode session = ApiClient.expect(200, api().get(path, account.key())).json();
        assertThat(session.get("kind").asString()).isEqualTo("listen");
        assertThat(session.get("url").asString()).startsWith("listen:");
        // Its description and status are an endpoint's like any other.
        ApiClient.expect(200, api().patch(path, account.key(), "{\"description\":\"mine\"}"));
    }

    @Test
    void theDashboardRefusesANewUrlForAListenSessionWithAPageNotAnError() throws Exception {
        Account account = newAccount("Dashboard Listen Co");
        Reported reported = reportOneFailedForward(account);
        DashboardClient dashboard = DashboardClient.onPort(port);
        String cookie = dashboard.session(account.key());
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("_csrf", dashboard.csrf(cookie));
        form.put("url", "https://example.com/hook");
        form.put("events", "test.submitted");
        form.put("description", "mine");
        var page = dashboard.post("/dashboard/settings/webhooks/" + reported.session(), cookie, form);
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("listen session");
        JsonNode session = ApiClient.expect(
                        200, api().get("/api/v1/webhooks/endpoints/" + reported.session(), account.key()))
                .json();
        assertThat(session.get("url").asString()).startsWith("listen:");
    }

    @Test
    void aListenSessionIsNotChecked() throws Exception {
        Account account = newAccount("Checked Listen Co");
        Reported reported = reportOneFailedForward(account);
        assertListenSessionConflict(
                api().post("/api/v1/webhooks/endpoints/" + reported.session() + "/check", account.key(), null));
    }

    @Test
    void anotherAccountCanNeitherReportToASessionNorResumeIt() throws Exception {
        Account owner = newAccount("Session Owner Co");
        Account other = newAccount("Other Co");
        Reported reported = reportOneFailedForward(owner);

        Answer foreign = api().post(
                        "/api/v1/listen/sessions/" + reported.session() + "/results",
                        other.key(),
                        "{\"delivery_id\":\"whd_" + "0".repeat(26) + "\",\"event_id\":\"" + reported.eventId() + "\"}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.text("param")).isEqualTo("id");

        // ?session= of another account's session opens a new session of the caller's own.
        try (InputStream stream = openStream(other.key(), "?session=" + reported.session())) {
            JsonNode opened = nextData(stream);
            assertThat(opened.get("session_id").asString()).isNotEqualTo(reported.session());
            assertThat(opened.get("resumed").asBoolean()).isFalse();
        }
    }

    @Test
    void anOversizedReportIsRefusedAsAProblem() throws Exception {
        Account account = newAccount("Big Report Co");
        Reported reported = reportOneFailedForward(account);
        String path = "/api/v1/listen/sessions/" + reported.session() + "/results";
        String huge = "{\"delivery_id\":\"whd_x\",\"event_id\":\"x\",\"response_body\":\"" + "a".repeat(2 * 1024 * 1024)
                + "\"}";
        Answer tooLarge = api().post(path, account.key(), huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.text("code")).isEqualTo("request_too_large");

        StringBuilder headers = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            headers.append(i == 0 ? "" : ",").append("[\"h").append(i).append("\",\"v\"]");
        }
        Answer many = api().post(
                        path,
                        account.key(),
                        "{\"delivery_id\":\"" + reported.deliveryId().replace("whd_", "whd_") + "\",\"event_id\":\""
                                + reported.eventId() + "\",\"request_headers\":" + headers + "]}");
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.text("param")).isEqualTo("request_headers");
    }

    // --- helpers ------------------------------------------------------------------------------

    record Account(String id, String key) {}

    record Reported(String session, String eventId, String deliveryId) {}

    Account newAccount(String name) {
        Answer account = api().createAccount(ADMIN_KEY, name);
        return new Account(account.text("id"), account.text("api_key"));
    }

    /** Opens a session over the stream, takes one event from it and reports a 500 for it. */
    Reported reportOneFailedForward(Account account) throws Exception {
        try (InputStream stream = openStream(account.key(), "?events=test.submitted")) {
            String session = nextData(stream).get("session_id").asString();
            String event = ApiClient.expect(
                            202,
                            api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1)))
                    .text("id");
            JsonNode delivery = nextData(stream);
            assertThat(delivery.get("event_id").asString()).isEqualTo(event);
            String deliveryId = delivery.get("delivery_id").asString();
            Answer reported = api().post(
                            "/api/v1/listen/sessions/" + session + "/results",
                            account.key(),
                            "{\"delivery_id\":\"" + deliveryId + "\",\"event_id\":\"" + event
                                    + "\",\"response_status\":500}");
            assertThat(reported.status()).isEqualTo(201);
            assertThat(reported.text("status")).isEqualTo("failed");
            return new Reported(session, event, deliveryId);
        }
    }

    InputStream openStream(String key, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/listen" + query))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The first data line of the next message that has one (the JSON head of a delivery). */
    static JsonNode nextData(InputStream stream) throws Exception {
        BufferedReader lines = readers.computeIfAbsent(
                stream, s -> new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8)));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("data:")) {
                JsonNode data = JSON.readTree(line.substring(5).trim());
                // Skip the payload line that follows a delivery's head.
                if (data.has("delivery_id")) {
                    lines.readLine();
                }
                return data;
            }
        }
        throw new AssertionError("The stream ended before a message");
    }

    private static final java.util.Map<InputStream, BufferedReader> readers =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    static void assertListenSessionConflict(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.text("code")).isEqualTo("listen_session");
        assertThat(answer.text("param")).isEqualTo("id");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }
}
