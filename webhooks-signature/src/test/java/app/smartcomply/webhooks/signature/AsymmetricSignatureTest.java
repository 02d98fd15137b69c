package app.smartcomply.webhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.signature.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Standard Webhooks {@code v1a}: Ed25519 signatures beside the {@code v1} HMACs. */
class AsymmetricSignatureTest {

    static final byte[] BODY = "{\"id\":\"evt_1\",\"data\":{\"score\":\"\u00bd\"}}".getBytes(StandardCharsets.UTF_8);
    static final long T = 1_700_000_000L;
    static final Clock AT_T = Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC);

    final Ed25519SigningKey key = Ed25519SigningKey.generate();
    final Ed25519SigningKey next = Ed25519SigningKey.generate();

    @Test
    void theSignatureIsEd25519OverIdTimestampAndBodyCheckedWithThePlainJdk() throws Exception {
        String entries = WebhookSigner.standardWebhooksAsymmetricSignature("evt_1", T, BODY, List.of(key));
        assertThat(entries).startsWith("v1a,").doesNotContain(" ");
        byte[] signature = Base64.getDecoder().decode(entries.substring(4));
        assertThat(signature).hasSize(64);

        // Independent of the library's own conversions: the RFC 8410 header, then the whpk_ bytes.
        assertThat(key.publicKey()).startsWith("whpk_");
        byte[] raw = Base64.getDecoder().decode(key.publicKey().substring(5));
        assertThat(raw).hasSize(32);
        byte[] x509 = HexFormat.of()
                .parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
        jdk.update(("evt_1." + T + ".").getBytes(StandardCharsets.UTF_8));
        jdk.update(BODY);
        assertThat(jdk.verify(signature)).isTrue();
    }

    @Test
    void theVerifierAcceptsTheSignatureInTheFullHeaderBesideV1() {
        SigningSecret secret = SigningSecret.generate();
        String header = WebhookSigner.standardWebhooksSignature("evt_1", T, BODY, List.of(secret)) + " "
                + WebhookSigner.standardWebhooksAsymmetricSignature("evt_1", T, BODY, List.of(key));

        assertThatCode(() -> verifier(key).verify("evt_1", Long.toString(T), header, BODY))
                .doesNotThrowAnyException();
        // The HMAC verifier skips the v1a entry and still verifies its v1.
        assertThatCode(() -> WebhookVerifier.withSecret(secret)
                        .withClock(AT_T)
                        .verifyStandardWebhooks("evt_1", Long.toString(T), header, BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void aChangedBodyIdTimestampOrKeyDoesNotVerify() {
        String header = WebhookSigner.standardWebhooksAsymmetricSignature("evt_1", T, BODY, List.of(key));
        byte[] changed = BODY.clone();
        changed[3] ^= 1;

        assertReason(
                () -> verifier(key).verify("evt_1", Long.toString(T), header, changed), Reason.NO_MATCHING_SIGNATURE);
        assertReason(() -> verifier(key).verify("evt_2", Long.toString(T), header, BODY), Reason.NO_MATCHING_SIGNATURE);
        assertReason(
                () -> verifier(key)
                        .withTolerance(Duration.ofSeconds(5))
                        .verify("evt_1", Long.toString(T + 1), header, BODY),
                Reason.NO_MATCHING_SIGNATURE);
        assertReason(
                () -> verifier(next).verify("evt_1", Long.toString(T), header, BODY), Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void aHeaderWithoutV1aOrOutsideTheWindowIsRejected() {
        String v1Only = WebhookSigner.standardWebhooksSignature("evt_1", T, BODY, List.of(SigningSecret.generate()));
        assertReason(() -> verifier(key).verify("evt_1", Long.toString(T), v1Only, BODY), Reason.MALFORMED_HEADER);

        String header = WebhookSigner.standardWebhooksAsymmetricSignature("evt_1", T - 301, BODY, List.of(key));
        assertReason(
                () -> verifier(key).verify("evt_1", Long.toString(T - 301), header, BODY), Reason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void duringARotationBothKeysSignAndEitherVerifies() {
        String header = WebhookSigner.standardWebhooksAsymmetricSignature("evt_1", T, BODY, List.of(key, next));
        assertThat(header.split(" ")).hasSize(2).allMatch(entry -> entry.startsWith("v1a,"));

        assertThatCode(() -> verifier(key).verify("evt_1", Long.toString(T), header, BODY))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier(next).verify("evt_1", Long.toString(T), header, BODY))
                .doesNotThrowAnyException();
        assertThat(WebhookSigner.standardWebhooksAsymmetricSignature("evt_1", T, BODY, List.of()))
                .isEmpty();
    }

    @Test
    void aStoredKeyReadsBackAndSignsForTheSamePublicKey() {
        Ed25519SigningKey read = Ed25519SigningKey.fromEncoded(key.encoded());

        assertThat(read.publicKey()).isEqualTo(key.publicKey());
        assertThat(read.toString())
                .doesNotContain(key.encoded().substring(0, key.encoded().indexOf('.')));
        String header = WebhookSigner.standardWebhooksAsymmetricSignature("evt_1", T, BODY, List.of(read));
        assertThatCode(() -> verifier(key).verify("evt_1", Long.toString(T), header, BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void aStoredKeyWhoseHalvesDoNotBelongTogetherIsRefused() {
        String privateHalf = key.encoded().substring(0, key.encoded().indexOf('.'));
        String otherPublicHalf = next.encoded().substring(next.encoded().indexOf('.') + 1);

        assertThatThrownBy(() -> Ed25519SigningKey.fromEncoded(privateHalf + "." + otherPublicHalf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(privateHalf);
        assertThatThrownBy(() -> Ed25519SigningKey.fromEncoded("not a key"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedPublicKeysAreRefused() {
        assertThatThrownBy(() -> AsymmetricWebhookVerifier.withPublicKeys(List.of("whpk_AAAA")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AsymmetricWebhookVerifier.withPublicKeys(
                        List.of(key.publicKey().substring(5))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AsymmetricWebhookVerifier.withPublicKeys(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AsymmetricWebhookVerifier verifier(Ed25519SigningKey trusted) {
        return AsymmetricWebhookVerifier.withPublicKeys(List.of(trusted.publicKey()))
                .withClock(AT_T);
    }

    private static void assertReason(Runnable verification, Reason reason) {
        assertThatThrownBy(verification::run)
                .isInstanceOfSatisfying(
                        SignatureVerificationException.class,
                        e -> assertThat(e.getReason()).isEqualTo(reason));
    }
}
