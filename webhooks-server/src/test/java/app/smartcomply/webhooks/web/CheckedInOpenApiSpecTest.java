package app.smartcomply.webhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code src/test/openapi/webhooks-api.json} — the document the build generates a Java client from
 * (openapi-generator, see the module's pom; {@link GeneratedClientQuickstartTest} runs it) — is the
 * running service's {@code /v3/api-docs}, less what differs per run (the server URL and the
 * version). After changing the API, refresh it with {@code -Dwebhooks.openapi.update=true}.
 */
class CheckedInOpenApiSpecTest extends WebhooksAppTest {

    static final Path SPEC = Path.of("src/test/openapi/webhooks-api.json");
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void theCheckedInSpecIsTheLiveApiDocs() throws Exception {
        ObjectNode live = (ObjectNode)
                ApiClient.expect(200, api().get("/v3/api-docs", null)).json();
        live.remove("servers");
        ((ObjectNode) live.get("info")).put("version", "checked-in"); // the build stamps its own
        if (Boolean.getBoolean("webhooks.openapi.update")) {
            Files.writeString(SPEC, JSON.writeValueAsString(live) + "\n");
        }
        JsonNode checkedIn = JSON.readTree(Files.readString(SPEC));
        assertThat(checkedIn)
                .as(
                        "%s differs from /v3/api-docs: run this test with -Dwebhooks.openapi.update=true and commit the file",
                        SPEC)
                .isEqualTo(live);
    }
}
