package app.smartcomply.webhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Interop with the reference Java library of Standard Webhooks (com.standardwebhooks 1.1.0),
 * given the same secret string. That library reads the system clock, so these tests sign with
 * the current time.
 */
class StandardWebhooksInteropTest {

    static final String PAYLOAD = "{\"id\":\"evt_9\",\"type\":\"test.submitted\",\"data\":{\"score\":\"\u00bd\"}}";
    static final byte[] BODY = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    static final String MESSAGE_ID = "evt_9";

    final SigningSecret oldSecret = SigningSecret.generate();
    final SigningSecret newSecret = SigningSecret.generate();
    final long now = Instant.now().getEpochSecond();

    static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of(
                WebhookSigner.WEBHOOK_ID_HEADER, List.of(id),
                WebhookSigner.WEBHOOK_TIMESTAMP_HEADER, List.of(Long.toString(timestamp)),
                WebhookSigner.WEBHOOK_SIGNATURE_HEADER, List.of(signature));
    }

    @Test
    void libraryVerifiesOurSignatureWithOneSecret() {
        String signature = WebhookSigner.standardWebhooksSignature(MESSAGE_ID, now, BODY, List.of(newSecret));

        assertThatCode(() -> new Webhook(newSecret.value()).verify(PAYLOAD, headers(MESSAGE_ID, now, signature)))
                .doesNotThrowAnyException();
    }

    @Test
    void libraryVerifiesOurSignatureDuringRotationWithEitherSecret() {
        String signature =
                WebhookSigner.standardWebhooksSignature(MESSAGE_ID, now, BODY, List.of(oldSecret, newSecret));
        assertThat(signature.split(" ")).hasSize(2);

        assertThatCode(() -> new Webhook(oldSecret.value()).verify(PAYLOAD, headers(MESSAGE_ID, now, signature)))
                .doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(newSecret.value()).verify(PAYLOAD, headers(MESSAGE_ID, now, signature)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(SigningSecret.generate().value())
                        .verify(PAYLOAD, headers(MESSAGE_ID, now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void libraryProducesExactlyOurSignature() throws Exception {
        String ours = WebhookSigner.standardWebhooksSignature(MESSAGE_ID, now, BODY, List.of(newSecret));

        assertThat(new Webhook(newSecret.value()).sign(MESSAGE_ID, now, PAYLOAD))
                .isEqualTo(ours);
    }

    @Test
    void weVerifyWhatTheLibrarySigns() throws Exception {
        String signature = new Webhook(newSecret.value()).sign(MESSAGE_ID, now, PAYLOAD);

        assertThatCode(() -> WebhookVerifier.withSecret(newSecret)
                        .verifyStandardWebhooks(MESSAGE_ID, Long.toString(now), signature, BODY))
                .doesNotThrowAnyException();
        assertThatCode(() -> WebhookVerifier.withSecrets(List.of(oldSecret, newSecret))
                        .verifyStandardWebhooks(MESSAGE_ID, Long.toString(now), signature, BODY))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookVerifier.withSecret(oldSecret)
                        .verifyStandardWebhooks(MESSAGE_ID, Long.toString(now), signature, BODY))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void weVerifyALibrarySignedRotationHeader() throws Exception {
        String signature = new Webhook(oldSecret.value()).sign(MESSAGE_ID, now, PAYLOAD) + " "
                + new Webhook(newSecret.value()).sign(MESSAGE_ID, now, PAYLOAD);

        assertThatCode(() -> WebhookVerifier.withSecret(newSecret)
                        .verifyStandardWebhooks(MESSAGE_ID, Long.toString(now), signature, BODY))
                .doesNotThrowAnyException();
    }
}
