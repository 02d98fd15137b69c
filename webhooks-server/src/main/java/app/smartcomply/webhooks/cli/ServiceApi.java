package app.smartcomply.webhooks.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running service's HTTP API, called with the admin key by {@code accounts create} and {@code
 * keys create}. Every call is bounded: 5 s to connect, 30 s for the answer, 1 MiB of body read.
 * The key is sent only in the Authorization header and never printed.
 */
final class ServiceApi {

    private static final int MAX_BODY = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String adminKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServiceApi(String service, String adminKey) {
        String trimmed = service.endsWith("/") ? service.substring(0, service.length() - 1) : service;
        try {
            this.base = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(2, "--service is not a URL: " + service);
        }
        if (base.getScheme() == null || !base.getScheme().matches("https?")) {
            throw new CliFailure(2, "--service must be an http:// or https:// URL, e.g. http://localhost:8080");
        }
        this.adminKey = adminKey;
    }

    /** POSTs {@code body} to {@code path}; returns the JSON answer of a 2xx, fails with the problem's detail otherwise. */
    JsonNode post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<InputStream> response;
        String text;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                text = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CliFailure(
                    1,
                    "Could not reach the service at " + base + " ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "). Is it running? (./webhooks serve; --service URL)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(130, "Interrupted");
        }
        JsonNode json = parse(text);
        if (response.statusCode() / 100 != 2) {
            throw new CliFailure(1, describeProblem(response.statusCode(), json, text));
        }
        return json;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String describeProblem(int status, JsonNode problem, String text) {
        if (problem == null || !problem.isObject()) {
            return "The service answered " + status + (text.isBlank() ? "" : ": " + text.strip());
        }
        StringBuilder message = new StringBuilder("The service answered ").append(status);
        for (String field : new String[] {"code", "detail", "param"}) {
            JsonNode value = problem.get(field);
            if (value != null && !value.isNull()) {
                message.append(field.equals("code") ? " " : field.equals("param") ? " (param: " : ": ")
                        .append(value.asString())
                        .append(field.equals("param") ? ")" : "");
            }
        }
        if (status == 401) {
            message.append(
                    "\nIs the admin key right? (--admin-key or WEBHOOKS_ADMIN_KEY; ./webhooks admin-key reset makes a new one)");
        }
        return message.toString();
    }
}
