package app.smartcomply.webhooks.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * JSON calls to the service's API with the account's key. Each call is bounded: connecting (10 s),
 * waiting for the answer ({@link #TIMEOUT}) and reading it (at most {@link #MAX_ANSWER} bytes
 * within the same time). A 4xx or 5xx becomes a {@link ServiceCallFailed} with the problem's detail.
 */
final class ServiceApi {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_ANSWER = 4 * 1024 * 1024;

    private final HttpClient http;
    private final URI base;
    private final String apiKey;

    ServiceApi(HttpClient http, URI base, String apiKey) {
        this.http = http;
        this.base = base;
        this.apiKey = apiKey;
    }

    static ServiceApi of(ServiceOptions options) {
        return new ServiceApi(options.client(), options.serviceUri(), options.apiKey());
    }

    URI base() {
        return base;
    }

    Map<String, Object> get(String path) throws IOException, InterruptedException {
        return call(request(path).GET().build());
    }

    Map<String, Object> post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8);
        HttpRequest.Builder builder = request(path).POST(publisher);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return call(builder.build());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .header("User-Agent", Version.userAgent());
    }

    private Map<String, Object> call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String text = new String(
                BoundedBody.read(response.body(), MAX_ANSWER, TIMEOUT).bytes(), StandardCharsets.UTF_8);
        if (response.statusCode() >= 400) {
            throw failure(response.statusCode(), text);
        }
        return text.isBlank() ? Map.of() : Json.parseObject(text);
    }

    /** The service's problem answer ({@code code}, {@code detail}) as an exception. */
    static ServiceCallFailed failure(int status, String text) {
        try {
            Map<String, Object> problem = Json.parseObject(text);
            Object code = problem.get("code");
            Object detail = problem.getOrDefault("detail", problem.get("title"));
            return new ServiceCallFailed(
                    status,
                    code == null ? null : code.toString(),
                    "HTTP " + status + (code == null ? "" : " " + code) + (detail == null ? "" : ": " + detail));
        } catch (IllegalArgumentException notJson) {
            return new ServiceCallFailed(status, null, "HTTP " + status + " from the service.");
        }
    }
}
