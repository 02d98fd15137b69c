package app.smartcomply.webhooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the service's HTTP API like a customer's code would, over a real socket. Every answer
 * comes back whole (status, headers, JSON) so tests can assert on exactly what a client sees.
 */
public final class ApiClient {

    /** An HTTP answer with its body parsed as JSON (or null if it was empty). */
    public record Answer(int status, Map<String, List<String>> headers, String body, JsonNode json) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().getFirst())
                    .orElse(null);
        }

        public String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http;

    public ApiClient(String baseUrl) {
        this(
                baseUrl,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private ApiClient(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    public static ApiClient onPort(int port) {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    /** A client whose connections come from another loopback address (Linux routes all of 127/8 locally). */
    public static ApiClient onPortFrom(int port, String localAddress) {
        try {
            return new ApiClient(
                    "http://127.0.0.1:" + port,
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .localAddress(java.net.InetAddress.getByName(localAddress))
                            .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Answer get(String path, String bearer) {
        return send("GET", path, bearer, null, Map.of());
    }

    public Answer post(String path, String bearer, String jsonBody) {
        return send("POST", path, bearer, jsonBody, Map.of());
    }

    public Answer patch(String path, String bearer, String jsonBody) {
        return send("PATCH", path, bearer, jsonBody, Map.of());
    }

    public Answer delete(String path, String bearer) {
        return send("DELETE", path, bearer, null, Map.of());
    }

    /**
     * A JSON POST whose body is streamed, so it goes out chunked with no Content-Length: the server
     * learns its size only by reading it.
     */
    public Answer postChunked(String path, String bearer, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any request; {@code body} null sends none; extra headers may override Content-Type. */
    public Answer send(String method, String path, String bearer, String body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body() == null || response.body().isBlank() ? null : parse(response.body());
            return new Answer(response.statusCode(), response.headers().map(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    // --- the quickstart flow, as one-liners -------------------------------------------------

    /** Creates an account with the admin key; returns {id, api_key}. */
    public Answer createAccount(String adminKey, String name) {
        return expect(201, post("/api/v1/accounts", adminKey, "{\"name\":\"" + name + "\"}"));
    }

    /** Registers an endpoint; returns the create answer (with signing_secret). */
    public Answer createEndpoint(String apiKey, String url, String... events) {
        String list = String.join(
                ",", java.util.Arrays.stream(events).map(e -> "\"" + e + "\"").toList());
        return expect(
                201,
                post(
                        "/api/v1/webhooks/endpoints",
                        apiKey,
                        "{\"url\":\"" + url + "\",\"events\":[" + list + "],\"description\":\"test receiver\"}"));
    }

    /** Publishes an event with the admin key; {@code dataJson} is the data object. */
    public Answer publish(String adminKey, String accountId, String type, String dataJson) {
        return expect(
                202,
                post(
                        "/api/v1/events",
                        adminKey,
                        "{\"account_id\":\"" + accountId + "\",\"type\":\"" + type + "\",\"data\":" + dataJson + "}"));
    }

    public static Answer expect(int status, Answer answer) {
        if (answer.status() != status) {
            throw new AssertionError("Expected HTTP " + status + " but got " + answer.status() + ": " + answer.body());
        }
        return answer;
    }
}
