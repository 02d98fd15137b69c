package app.smartcomply.webhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * The shared vectors in {@code testdata/signature-vectors.json}: the file is exactly what this
 * module signs ({@link SignatureVectorCases}), and {@link WebhookVerifier} gives every vector its
 * expected verdict. The Node and Python libraries and the server test against the same file.
 */
class SignatureVectorsTest {

    static final Path FILE = locate();

    @Test
    void theCheckedInFileIsWhatThisModuleSigns() throws IOException {
        String generated = SignatureVectorCases.json();
        if (Boolean.getBoolean("signature.vectors.write")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("%s is stale: rerun this test with -Dsignature.vectors.write=true and commit the file", FILE)
                .isEqualTo(generated);
    }

    @Test
    void everyVectorGetsItsExpectedVerdict() {
        JsonNode vectors = read().get("vectors");
        assertThat(vectors.size()).isGreaterThanOrEqualTo(50);
        List<String> wrong = new ArrayList<>();
        for (JsonNode vector : vectors) {
            String got = verdict(vector);
            if (!got.equals(vector.get("expected").asString())) {
                wrong.add(vector.get("name").asString() + ": expected "
                        + vector.get("expected").asString() + ", got " + got);
            }
        }
        assertThat(wrong).as("vectors with another verdict").isEmpty();
    }

    @Test
    void everySigningVectorIsTheHeaderTheSignerMakes() {
        for (JsonNode signing : read().get("signing")) {
            List<SigningSecret> secrets = new ArrayList<>();
            signing.get("secrets").forEach(s -> secrets.add(SigningSecret.parse(s.asString())));
            assertThat(WebhookSigner.signatureHeader(signing.get("timestamp").asLong(), body(signing), secrets))
                    .as(signing.get("name").asString())
                    .isEqualTo(signing.get("header").asString());
        }
    }

    @Test
    void everyInvalidSecretIsRefused() {
        for (JsonNode invalid : read().get("invalid_secrets")) {
            assertThatThrownBy(() -> SigningSecret.parse(invalid.get("secret").asString()))
                    .as(invalid.get("name").asString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The verdict of {@link WebhookVerifier} on one vector, in the file's words. */
    static String verdict(JsonNode vector) {
        List<SigningSecret> secrets = new ArrayList<>();
        vector.get("secrets").forEach(s -> secrets.add(SigningSecret.parse(s.asString())));
        WebhookVerifier verifier = WebhookVerifier.withSecrets(secrets)
                .withTolerance(
                        Duration.ofSeconds(vector.get("tolerance_seconds").asLong()))
                .withClock(Clock.fixed(Instant.ofEpochSecond(vector.get("now").asLong()), ZoneOffset.UTC));
        JsonNode header = vector.get("header");
        try {
            verifier.verify(header.isNull() ? null : header.asString(), body(vector));
            return "valid";
        } catch (SignatureVerificationException e) {
            return e.getReason().name().toLowerCase(Locale.ROOT);
        }
    }

    static byte[] body(JsonNode vector) {
        return vector.has("body_base64")
                ? Base64.getDecoder().decode(vector.get("body_base64").asString())
                : vector.get("body").asString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode read() {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(FILE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + FILE, e);
        }
    }

    /** Surefire runs in the module folder; an IDE may run in the repository root. */
    private static Path locate() {
        for (Path candidate : List.of(Path.of("../testdata"), Path.of("testdata"))) {
            if (Files.isDirectory(candidate)) {
                return candidate
                        .resolve("signature-vectors.json")
                        .toAbsolutePath()
                        .normalize();
            }
        }
        throw new IllegalStateException(
                "Cannot find testdata/ from " + Path.of("").toAbsolutePath());
    }
}
