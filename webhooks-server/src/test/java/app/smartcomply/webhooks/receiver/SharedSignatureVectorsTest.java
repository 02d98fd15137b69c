package app.smartcomply.webhooks.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.signature.SignatureVerificationException;
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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared vectors (testdata/signature-vectors.json) against the signature library as the
 * service ships it: every signing vector is the header the delivery path
 * ({@code WebhookSigner.signatureHeader}, what WebhookSender sends) makes for those secrets, in that
 * order, and every verification vector gets its verdict. The Node and Python libraries' tests read
 * the same file, so the service and the three libraries cannot disagree on the wire format.
 */
class SharedSignatureVectorsTest {

    private static final JsonNode FILE = read();

    @Test
    void theServiceSignsEverySigningVectorExactly() {
        assertThat(FILE.get("signing").size()).isPositive();
        for (JsonNode signing : FILE.get("signing")) {
            assertThat(WebhookSigner.signatureHeader(
                            signing.get("timestamp").asLong(), body(signing), secrets(signing)))
                    .as(signing.get("name").asString())
                    .isEqualTo(signing.get("header").asString());
        }
    }

    @Test
    void everyVerificationVectorGetsItsVerdict() {
        List<String> wrong = new ArrayList<>();
        for (JsonNode vector : FILE.get("vectors")) {
            WebhookVerifier verifier = WebhookVerifier.withSecrets(secrets(vector))
                    .withTolerance(
                            Duration.ofSeconds(vector.get("tolerance_seconds").asLong()))
                    .withClock(
                            Clock.fixed(Instant.ofEpochSecond(vector.get("now").asLong()), ZoneOffset.UTC));
            String verdict;
            try {
                verifier.verify(
                        vector.get("header").isNull()
                                ? null
                                : vector.get("header").asString(),
                        body(vector));
                verdict = "valid";
            } catch (SignatureVerificationException e) {
                verdict = e.getReason().name().toLowerCase(Locale.ROOT);
            }
            if (!verdict.equals(vector.get("expected").asString())) {
                wrong.add(vector.get("name").asString() + ": " + verdict);
            }
        }
        assertThat(wrong).as("vectors with another verdict").isEmpty();
    }

    private static List<SigningSecret> secrets(JsonNode node) {
        List<SigningSecret> secrets = new ArrayList<>();
        node.get("secrets").forEach(s -> secrets.add(SigningSecret.parse(s.asString())));
        return secrets;
    }

    private static byte[] body(JsonNode node) {
        return node.has("body_base64")
                ? Base64.getDecoder().decode(node.get("body_base64").asString())
                : node.get("body").asString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode read() {
        for (Path candidate : List.of(Path.of("../testdata"), Path.of("testdata"))) {
            Path file = candidate.resolve("signature-vectors.json");
            if (Files.isRegularFile(file)) {
                try {
                    return JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new AssertionError("Cannot read " + file.toAbsolutePath(), e);
                }
            }
        }
        throw new IllegalStateException("Cannot find testdata/signature-vectors.json from "
                + Path.of("").toAbsolutePath());
    }
}
