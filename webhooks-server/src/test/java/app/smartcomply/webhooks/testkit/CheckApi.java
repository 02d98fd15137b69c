package app.smartcomply.webhooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Starts checks and waits for them the way the CLI and the dashboard do: POST, then poll the GET. */
public final class CheckApi {

    /** Bounds a hang only: a check of a loopback receiver completes in well under a second. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final ApiClient api;

    public CheckApi(ApiClient api) {
        this.api = api;
    }

    public static String path(String endpointId) {
        return "/api/v1/webhooks/endpoints/" + endpointId;
    }

    /** POST …/check, expecting 202 and a running check. */
    public Answer start(String key, String endpointId) {
        Answer started = ApiClient.expect(202, api.post(path(endpointId) + "/check", key, null));
        assertThat(started.text("id")).startsWith("chk_");
        assertThat(started.text("endpoint_id")).isEqualTo(endpointId);
        return started;
    }

    /** Polls GET …/checks/{id} (real time: the check talks to real sockets) until it is completed. */
    public JsonNode awaitCompleted(String key, String endpointId, String checkId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = ApiClient.expect(200, api.get(path(endpointId) + "/checks/" + checkId, key))
                    .json();
            if (last.get("status").asString().equals("completed")) {
                return last;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Check " + checkId + " did not complete within " + WAIT + "; last seen: " + last);
    }

    /** Starts a check and waits for its result. */
    public JsonNode run(String key, String endpointId) {
        return awaitCompleted(key, endpointId, start(key, endpointId).text("id"));
    }

    /** Case name → passed, in the order of the result. */
    public static Map<String, Boolean> verdicts(JsonNode check) {
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        check.get("cases")
                .forEach(c ->
                        verdicts.put(c.get("name").asString(), c.get("passed").asBoolean()));
        return verdicts;
    }

    public static JsonNode caseNamed(JsonNode check, String name) {
        return check.get("cases")
                .valueStream()
                .filter(c -> c.get("name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no case " + name + " in " + check));
    }
}
