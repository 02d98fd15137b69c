package app.smartcomply.webhooks.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's public HTTP API as the benchmark uses it: the platform creates an account and
 * publishes with the admin key; the account registers endpoints with its own key. One pooled,
 * keep-alive client shared by every publisher thread.
 */
public final class ServiceApi implements AutoCloseable {

    /** An account and its first API key. */
    public record Account(String id, String apiKey) {}

    /** What one publish call saw. */
    public record Published(int status, String eventId, String body) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String adminKey;
    private final CloseableHttpClient http;

    public ServiceApi(String baseUrl, String adminKey, int connections) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
        this.http = PooledClient.create(connections, connections, Duration.ofSeconds(60));
    }

    public Account createAccount(String name) {
        JsonNode created = json(expect(201, post("/api/v1/accounts", adminKey, "{\"name\":\"" + name + "\"}")));
        return new Account(created.get("id").asString(), created.get("api_key").asString());
    }

    /** Registers an endpoint subscribed to every event type; returns its id. */
    public String createEndpoint(Account account, String url) {
        return createEndpoint(account, url, null);
    }

    /**
     * Registers an endpoint subscribed to every event type, with the endpoint options of {@code
     * options} (a JSON object such as {@code {"ordering":"fifo"}}, or null); returns its id.
     */
    public String createEndpoint(Account account, String url, String options) {
        String members = options == null ? "" : options.strip();
        if (!members.isEmpty()) {
            if (!members.startsWith("{") || !members.endsWith("}")) {
                throw new IllegalArgumentException("--endpoint-options must be a JSON object");
            }
            members = members.substring(1, members.length() - 1).strip();
        }
        String body = "{\"url\":\"" + url + "\",\"events\":[\"*\"],\"description\":\"bench sink\""
                + (members.isEmpty() ? "" : "," + members) + "}";
        return json(expect(201, postSetUp("/api/v1/webhooks/endpoints", account.apiKey(), body)))
                .get("id")
                .asString();
    }

    /** Registers an endpoint subscribed to every event type, sent at most {@code perSecond} requests a second. */
    public String createRateLimitedEndpoint(Account account, String url, int perSecond) {
        String body = "{\"url\":\"" + url + "\",\"events\":[\"*\"],\"description\":\"bench sink\","
                + "\"rate_limit\":{\"per_second\":" + perSecond + "}}";
        return json(expect(201, postSetUp("/api/v1/webhooks/endpoints", account.apiKey(), body)))
                .get("id")
                .asString();
    }

    /** Publishes a {@code test.submitted} event; {@code n} makes its data distinct. */
    public Published publish(Account account, long n) {
        Published answer = post(
                "/api/v1/events",
                adminKey,
                "{\"account_id\":\"" + account.id() + "\",\"type\":\"test.submitted\",\"data\":"
                        + EventData.testSubmitted(n) + "}");
        return answer;
    }

    /** What one batch publish saw: its status and the ids of the events it accepted, in order. */
    public record BatchPublished(int status, java.util.List<String> eventIds, String body) {}

    /**
     * Publishes {@code count} {@code test.submitted} events in one {@code POST /api/v1/events/batch};
     * event {@code i} of the batch gets data number {@code firstN + i}.
     */
    public BatchPublished publishBatch(Account account, long firstN, int count) {
        StringBuilder body = new StringBuilder(64 + count * 640).append("{\"events\":[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"account_id\":\"")
                    .append(account.id())
                    .append("\",\"type\":\"test.submitted\",\"data\":")
                    .append(EventData.testSubmitted(firstN + i))
                    .append('}');
        }
        Published answer =
                post("/api/v1/events/batch", adminKey, body.append("]}").toString());
        return new BatchPublished(answer.status(), acceptedIn(answer.body()), answer.body());
    }

    /**
     * The ids of the accepted events of a batch answer, without a full parse: each accepted result
     * holds {@code "event":} followed by the event, whose first member is its id.
     */
    private static java.util.List<String> acceptedIn(String body) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        String marker = "\"event\":{\"id\":\"";
        for (int at = body.indexOf(marker); at >= 0; at = body.indexOf(marker, at + marker.length())) {
            int start = at + marker.length();
            int end = body.indexOf('"', start);
            if (end < 0) {
                break;
            }
            ids.add(body.substring(start, end));
        }
        return ids;
    }

    /**
     * A set-up request (not measured): when the API key's request limit answers 429, waits out its
     * one-second window and asks again, as a well-behaved client does. A scenario registering
     * 2,000 endpoints goes past the default burst of 200.
     */
    private Published postSetUp(String path, String bearer, String json) {
        for (int attempt = 1; ; attempt++) {
            Published answer = post(path, bearer, json);
            if (answer.status() != 429 || attempt == 120) {
                return answer;
            }
            try {
                Thread.sleep(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }

    private Published post(String path, String bearer, String json) {
        HttpPost post = new HttpPost(baseUrl + path);
        post.addHeader("Authorization", "Bearer " + bearer);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
            String body = response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Published(response.getCode(), idIn(body), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.apache.hc.core5.http.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first {@code "id":"…"} of a response, without a full parse: publishers stay cheap. */
    private static String idIn(String body) {
        int at = body.indexOf("\"id\":\"");
        if (at < 0) {
            return null;
        }
        int end = body.indexOf('"', at + 6);
        return end < 0 ? null : body.substring(at + 6, end);
    }

    private static Published expect(int status, Published answer) {
        if (answer.status() != status) {
            throw new IllegalStateException(
                    "Expected HTTP " + status + " but got " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    private static JsonNode json(Published answer) {
        return JSON.readTree(answer.body());
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
