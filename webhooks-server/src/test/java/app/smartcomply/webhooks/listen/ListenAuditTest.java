package app.smartcomply.webhooks.listen;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A listen session in {@code GET /api/v1/audit-log}: opened by the key that opened it, removed by
 * the service once idle (with the reason), never with its signing secret. In this package: it
 * waits for the service to notice the closed stream ({@link ListenStreams#connected}).
 */
@TestPropertySource(properties = "webhooks.listen.heartbeat=100ms") // a closed stream is noticed at once
class ListenAuditTest extends WebhooksAppTest {

    private static final String UA = "audit-listen-test/1.0";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ListenSweep sweep;

    @Autowired
    ListenStreams streams;

    @Test
    void openingAListenSessionIsAuditedAndSoIsTheServiceRemovingItOnceIdle() throws Exception {
        TestAccount account = TestAccount.create(api(), "Listen Co");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/listen"))
                .header("Authorization", "Bearer " + account.apiKey())
                .header("Accept", "text/event-stream")
                .header("User-Agent", UA)
                .timeout(WAIT)
                .build();
        String secret;
        try (InputStream stream =
                http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
            secret = firstMessage(stream);
        }
        List<JsonNode> opened = entries(account.apiKey(), "action=listen_session.opened");
        assertThat(opened).hasSize(1);
        String session = opened.getFirst().get("target").get("id").asString();
        assertThat(opened.getFirst().get("target").get("type").asString()).isEqualTo("listen_session");
        assertThat(opened.getFirst().get("actor").get("type").asString()).isEqualTo("api_key");
        assertThat(opened.getFirst().get("changes").toString())
                .isEqualTo("[{\"field\":\"events\"},{\"field\":\"mode\",\"from\":null,\"to\":\"live\"}]");
        assertThat(ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + session, account.apiKey()))
                        .text("kind"))
                .isEqualTo("listen");

        awaitDisconnected(session);
        clock.advance(Duration.ofMinutes(11));
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(sweep.sweep()).as("removed once, audited once").isZero();
        List<JsonNode> removed = entries(account.apiKey(), "action=listen_session.removed");
        assertThat(removed).hasSize(1);
        assertThat(removed.getFirst().get("target").get("id").asString()).isEqualTo(session);
        assertThat(removed.getFirst().get("actor").get("type").asString()).isEqualTo("service");
        assertThat(removed.getFirst().get("reason").asString()).contains("idle");
        assertThat(ApiClient.expect(200, api().get("/api/v1/audit-log?limit=100", account.apiKey()))
                        .body())
                .contains(session)
                .doesNotContain(secret);
    }

    /** The matching entries, oldest first. */
    private List<JsonNode> entries(String key, String query) {
        List<JsonNode> entries = new ArrayList<>();
        ApiClient.expect(200, api().get("/api/v1/audit-log?limit=100&" + query, key))
                .json()
                .get("data")
                .forEach(entries::add);
        return entries.reversed();
    }

    /** The stream's first message (the session and its secret), read up to its blank line. */
    private static String firstMessage(InputStream stream) throws Exception {
        StringBuilder message = new StringBuilder();
        int c;
        while ((c = stream.read()) != -1) {
            message.append((char) c);
            if (message.toString().endsWith("\n\n")) {
                break;
            }
        }
        String text = message.toString();
        int at = text.indexOf("whsec_");
        assertThat(at).as("the first message names the secret: " + text).isNotNegative();
        return text.substring(at, text.indexOf('"', at));
    }

    /** Real time, bounded: the service learns that the client left at the stream's next heartbeat. */
    private void awaitDisconnected(String session) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.connected().contains(session)) {
            assertThat(System.nanoTime())
                    .as("stream of " + session + " still open")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
