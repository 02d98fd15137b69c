package app.smartcomply.webhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    static final SigningSecret SECRET_A = SigningSecret.parse("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX");
    static final SigningSecret SECRET_B = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    static final long T = 1778000000L;
    // Contains a non-ASCII character so the test proves the body's UTF-8 bytes are signed as-is.
    static final byte[] BODY = "{\"id\":\"evt_kat\",\"type\":\"webhook.test\",\"data\":{\"note\":\"caf\u00e9\"}}"
            .getBytes(StandardCharsets.UTF_8);

    /*
     * Expected values computed independently with OpenSSL 3 when this test was written:
     *
     *   B='{"id":"evt_kat","type":"webhook.test","data":{"note":"café"}}'   # UTF-8 shell
     *   printf '%s' "1778000000.$B" | openssl dgst -sha256 -hmac "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"
     *   printf '%s' "1778000000.$B" | openssl dgst -sha256 -hmac "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
     *
     * i.e. the HMAC key is the whole secret string, prefix included, as in the quickstart.
     */
    static final String KAT_HEX_A = "de6a6aa860290d1658528a967425874ae173dd3ebf7762261f0e5663b82197cd";
    static final String KAT_HEX_B = "8961c97bc3f9f5309f0297e405ab399c150829495be0bb4b1ab71fedcc5e2b19";

    /*
     * Standard Webhooks scheme, keyed with the decoded bytes 0x00..0x17 of SECRET_A:
     *
     *   printf '%s' "msg_kat.1778000000.$B" \
     *     | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102030405060708090a0b0c0d0e0f1011121314151617 -binary \
     *     | base64
     */
    static final String KAT_STANDARD_WEBHOOKS_A = "EC36div1AJCZjVHa7gfM30X0NovQeMkeO9ayFe4o4z4=";

    @Test
    void knownAnswerForOneSecret() {
        assertThat(WebhookSigner.signatureHeader(T, BODY, List.of(SECRET_A))).isEqualTo("t=1778000000,v1=" + KAT_HEX_A);
    }

    @Test
    void oneV1PerSecretInTheGivenOrder() {
        assertThat(WebhookSigner.signatureHeader(T, BODY, List.of(SECRET_A, SECRET_B)))
                .isEqualTo("t=1778000000,v1=" + KAT_HEX_A + ",v1=" + KAT_HEX_B);
        assertThat(WebhookSigner.signatureHeader(T, BODY, List.of(SECRET_B, SECRET_A)))
                .isEqualTo("t=1778000000,v1=" + KAT_HEX_B + ",v1=" + KAT_HEX_A);
    }

    @Test
    void knownAnswerForStandardWebhooks() {
        assertThat(WebhookSigner.standardWebhooksSignature("msg_kat", T, BODY, List.of(SECRET_A)))
                .isEqualTo("v1," + KAT_STANDARD_WEBHOOKS_A);
    }

    @Test
    void standardWebhooksEntriesAreSpaceSeparatedInTheGivenOrder() {
        String one = WebhookSigner.standardWebhooksSignature("msg_kat", T, BODY, List.of(SECRET_B));
        String both = WebhookSigner.standardWebhooksSignature("msg_kat", T, BODY, List.of(SECRET_A, SECRET_B));

        assertThat(both).isEqualTo("v1," + KAT_STANDARD_WEBHOOKS_A + " " + one);
        assertThat(one).matches("v1,[A-Za-z0-9+/]{43}=");
    }

    @Test
    void signatureChangesWithTimestampAndBody() {
        String base = WebhookSigner.signatureHeader(T, BODY, List.of(SECRET_A));
        byte[] otherBody = BODY.clone();
        otherBody[otherBody.length - 1] = ' ';

        String later = WebhookSigner.signatureHeader(T + 1, BODY, List.of(SECRET_A));
        assertThat(later.substring(later.indexOf("v1="))).isNotEqualTo(base.substring(base.indexOf("v1=")));
        assertThat(WebhookSigner.signatureHeader(T, otherBody, List.of(SECRET_A)))
                .isNotEqualTo(base);
    }

    @Test
    void emptyBodyIsSignable() {
        assertThat(WebhookSigner.signatureHeader(0, new byte[0], List.of(SECRET_A)))
                .matches("t=0,v1=[0-9a-f]{64}");
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> WebhookSigner.signatureHeader(T, BODY, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.signatureHeader(-1, BODY, List.of(SECRET_A)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.signatureHeader(T, null, List.of(SECRET_A)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookSigner.standardWebhooksSignature("", T, BODY, List.of(SECRET_A)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.standardWebhooksSignature(null, T, BODY, List.of(SECRET_A)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void headerNamesMatchTheWireFormat() {
        assertThat(List.of(
                        WebhookSigner.SIGNATURE_HEADER,
                        WebhookSigner.EVENT_ID_HEADER,
                        WebhookSigner.EVENT_TYPE_HEADER,
                        WebhookSigner.DELIVERY_ID_HEADER,
                        WebhookSigner.ATTEMPT_HEADER,
                        WebhookSigner.WEBHOOK_ID_HEADER,
                        WebhookSigner.WEBHOOK_TIMESTAMP_HEADER,
                        WebhookSigner.WEBHOOK_SIGNATURE_HEADER))
                .containsExactly(
                        "X-SmartComply-Signature",
                        "X-SmartComply-Event-Id",
                        "X-SmartComply-Event-Type",
                        "X-SmartComply-Delivery-Id",
                        "X-SmartComply-Attempt",
                        "webhook-id",
                        "webhook-timestamp",
                        "webhook-signature");
    }
}
