package app.smartcomply.webhooks.listen;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.endpoint.ListenEndpoints;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.testkit.WithoutRateLimits;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The per-account caps of listen: streams open at once (each holds a thread and polls the shared
 * store, so a burst must not slip past the count), and sessions kept (each is an endpoint row until
 * the sweep, so connecting and leaving in a loop must not grow the store without end).
 */
@WithoutRateLimits
class ListenStreamCapTest extends WebhooksAppTest {

    @Autowired
    ListenSessions sessions;

    @Test
    void anAccountKeepsAtMostSoManySessionsOpenedAndLeft() throws Exception {
        var account = api().createAccount(ADMIN_KEY, "Session Flood Co");
        String key = account.text("api_key");
        HttpClient http = HttpClient.newHttpClient();
        // The first over the stream; the rest opened straight through the service, as a stream would.
        String first;
        try (InputStream body = http.send(stream(key, ""), HttpResponse.BodyHandlers.ofInputStream())
                .body()) {
            first = ListenSessionGuardsTest.nextData(body).get("session_id").asString();
        }
        for (int i = 1; i < ListenEndpoints.MAX_SESSIONS_PER_ACCOUNT; i++) {
            sessions.open(account.text("id"), ApiKeyMode.LIVE, null, List.of(), null, AuditContext.service());
        }
        // Connected and left at once, over and over: every session stays until the sweep, so this is the end
        // (for this mode: the account's test key still has room).
        HttpResponse<String> refused = http.send(stream(key, ""), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("code").asString()).isEqualTo("too_many_listen_sessions");
        assertThat(problem.get("param").asString()).isEqualTo("session");
        // Resuming one of them is still fine.
        HttpResponse<InputStream> resumed =
                http.send(stream(key, "?session=" + first), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(resumed.statusCode()).isEqualTo(200);
        try (InputStream body = resumed.body()) {
            assertThat(ListenSessionGuardsTest.nextData(body).get("session_id").asString())
                    .isEqualTo(first);
        }
    }

    private HttpRequest stream(String key, String query) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/listen" + query))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @Test
    void aBurstOfStreamRequestsOpensAtMostTheCap() throws Exception {
        String key = api().createAccount(ADMIN_KEY, "Burst Listen Co").text("api_key");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/listen"))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .build();
        int asked = 3 * ListenStreams.MAX_STREAMS_PER_ACCOUNT;
        List<CompletableFuture<HttpResponse<InputStream>>> all = new ArrayList<>();
        for (int i = 0; i < asked; i++) {
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
        }
        int opened = 0;
        int refused = 0;
        try {
            for (CompletableFuture<HttpResponse<InputStream>> answer : all) {
                int status = answer.get().statusCode();
                if (status == 200) {
                    opened++;
                } else if (status == 409) {
                    refused++;
                }
            }
        } finally {
            for (CompletableFuture<HttpResponse<InputStream>> answer : all) {
                answer.get().body().close();
            }
        }
        assertThat(opened).isLessThanOrEqualTo(ListenStreams.MAX_STREAMS_PER_ACCOUNT);
        assertThat(opened + refused).isEqualTo(asked);
    }
}
