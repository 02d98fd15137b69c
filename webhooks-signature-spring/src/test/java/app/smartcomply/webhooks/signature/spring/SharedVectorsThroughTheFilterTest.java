package app.smartcomply.webhooks.signature.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every shared vector (testdata/signature-vectors.json) sent through the filter to a Spring MVC
 * controller: valid ones reach it with their exact bytes, the others get 400 or 401 with the
 * vector's reason as {@code code}.
 */
class SharedVectorsThroughTheFilterTest {

    @RestController
    static class Echo {
        @PostMapping("/hook")
        byte[] receive(@RequestBody(required = false) byte[] body) {
            return body == null ? new byte[0] : body;
        }
    }

    @Test
    void everyVectorGetsItsVerdictAsAnHttpAnswer() throws Exception {
        List<String> wrong = new ArrayList<>();
        JsonNode vectors = read().get("vectors");
        for (JsonNode vector : vectors) {
            List<SigningSecret> secrets = new ArrayList<>();
            vector.get("secrets").forEach(s -> secrets.add(SigningSecret.parse(s.asString())));
            WebhookVerifier verifier = WebhookVerifier.withSecrets(secrets)
                    .withTolerance(
                            Duration.ofSeconds(vector.get("tolerance_seconds").asLong()))
                    .withClock(
                            Clock.fixed(Instant.ofEpochSecond(vector.get("now").asLong()), ZoneOffset.UTC));
            MockMvc mvc = MockMvcBuilders.standaloneSetup(new Echo())
                    .addFilters(new SmartComplyWebhookFilter(verifier, "/hook"))
                    .build();
            byte[] body = vector.has("body_base64")
                    ? Base64.getDecoder().decode(vector.get("body_base64").asString())
                    : vector.get("body").asString().getBytes(StandardCharsets.UTF_8);
            MockHttpServletRequestBuilder request =
                    post("/hook").contentType("application/octet-stream").content(body);
            if (!vector.get("header").isNull()) {
                request.header(
                        WebhookSigner.SIGNATURE_HEADER, vector.get("header").asString());
            }
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            String expected = vector.get("expected").asString();
            boolean right = expected.equals("valid")
                    ? response.getStatus() == 200 && Arrays.equals(response.getContentAsByteArray(), body)
                    : response.getStatus() == (expected.equals("malformed_header") ? 400 : 401)
                            && response.getContentAsString().contains("\"code\":\"" + expected + "\"");
            if (!right) {
                wrong.add(vector.get("name").asString() + ": " + response.getStatus() + " "
                        + response.getContentAsString());
            }
        }
        assertThat(vectors.size()).isGreaterThanOrEqualTo(50);
        assertThat(wrong).as("vectors answered otherwise").isEmpty();
    }

    private static JsonNode read() throws IOException {
        Path file = Files.isDirectory(Path.of("../testdata")) ? Path.of("../testdata") : Path.of("testdata");
        return JsonMapper.builder()
                .build()
                .readTree(Files.readString(file.resolve("signature-vectors.json"), StandardCharsets.UTF_8));
    }
}
