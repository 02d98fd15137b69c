package app.smartcomply.webhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.smartcomply.webhooks.signature.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {

    static final long NOW = 1778000000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final SigningSecret OLD = SigningSecret.generate();
    static final SigningSecret NEW = SigningSecret.generate();
    static final SigningSecret UNRELATED = SigningSecret.generate();
    static final byte[] BODY =
            "{\"id\":\"evt_1\",\"type\":\"notice.created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

    static WebhookVerifier verifier(SigningSecret... secrets) {
        return WebhookVerifier.withSecrets(List.of(secrets)).withClock(CLOCK);
    }

    static Reason reasonOf(Runnable verification) {
        SignatureVerificationException e =
                catchThrowableOfType(SignatureVerificationException.class, verification::run);
        assertThat(e).as("expected a SignatureVerificationException").isNotNull();
        return e.getReason();
    }

    @Nested
    class SmartComplyHeader {

        @Test
        void roundTrip() {
            String header = WebhookSigner.signatureHeader(NOW, BODY, List.of(NEW));
            assertThatCode(() -> verifier(NEW).verify(header, BODY)).doesNotThrowAnyException();
        }

        @Test
        void roundTripWithEmptyAndBinaryBodies() {
            byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, '\n'};
            for (byte[] body : List.of(new byte[0], binary)) {
                String header = WebhookSigner.signatureHeader(NOW, body, List.of(NEW));
                assertThatCode(() -> verifier(NEW).verify(header, body)).doesNotThrowAnyException();
            }
        }

        @Test
        void defaultClockIsTheSystemClock() {
            long now = Instant.now().getEpochSecond();
            String header = WebhookSigner.signatureHeader(now, BODY, List.of(NEW));
            assertThatCode(() -> WebhookVerifier.withSecret(NEW).verify(header, BODY))
                    .doesNotThrowAnyException();
        }

        @Test
        void tamperedBodyIsRejected() {
            String header = WebhookSigner.signatureHeader(NOW, BODY, List.of(NEW));
            byte[] tampered = BODY.clone();
            tampered[10] ^= 1;
            assertThat(reasonOf(() -> verifier(NEW).verify(header, tampered))).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
        }

        @Test
        void tamperedTimestampIsRejected() {
            String header =
                    WebhookSigner.signatureHeader(NOW, BODY, List.of(NEW)).replace("t=" + NOW, "t=" + (NOW - 1));
            assertThat(reasonOf(() -> verifier(NEW).verify(header, BODY))).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
        }

        @Test
        void wrongSecretIsRejected() {
            String header = WebhookSigner.signatureHeader(NOW, BODY, List.of(NEW));
            assertThat(reasonOf(() -> verifier(UNRELATED).verify(header, BODY)))
                    .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
        }

        @Test
        void staleTimestampIsRejected() {
            String header = WebhookSigner.signatureHeader(NOW - 301, BODY, List.of(NEW));
            assertThat(reasonOf(() -> verifier(NEW).verify(header, BODY))).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
        }

        @Test
        void futureTimestampIsRejected() {
            String header = WebhookSigner.signatureHeader(NOW + 301, BODY, List.of(NEW));
            assertThat(reasonOf(() -> verifier(NEW).verify(header, BODY))).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
        }

        @Test
        void timestampsExactlyAtTheToleranceAreAccepted() {
            for (long t : new long[] {NOW - 300, NOW + 300}) {
                String header = WebhookSigner.signatureHeader(t, BODY, List.of(NEW));
                assertThatCode(() -> verifier(NEW).verify(header, BODY)).doesNotThrowAnyException();
            }
        }

        @Test
        void customTolerance() {
            String header = WebhookSigner.signatureHeader(NOW - 60, BODY, List.of(NEW));
            WebhookVerifier strict = verifier(NEW).withTolerance(Duration.ofSeconds(30));

            assertThat(reasonOf(() -> strict.verify(header, BODY))).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
            assertThatCode(() -> strict.withTolerance(Duration.ofMinutes(1)).verify(header, BODY))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> strict.withTolerance(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void hugeTimestampDoesNotOverflow() {
            String header = "t=" + Long.MAX_VALUE + ",v1=" + "00".repeat(32);
            assertThat(reasonOf(() -> verifier(NEW)
                            .withTolerance(Duration.ofSeconds(Long.MAX_VALUE))
                            .verify(header, BODY)))
                    .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
            assertThat(reasonOf(() -> verifier(NEW).verify(header, BODY))).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    " ",
                    "v1=abcd", // missing t
                    "t=,v1=abcd", // empty t
                    "t=abc,v1=abcd", // non-numeric t
                    "t=-5,v1=abcd", // signed t
                    "t=+5,v1=abcd",
                    "t=1.5,v1=abcd",
                    "t=99999999999999999999,v1=abcd", // above Long.MAX_VALUE
                    "t=1778000000", // no v1
                    "t=1778000000,v0=abcd", // only unknown schemes
                    "t=1778000000,t=1778000000,v1=abcd", // ambiguous t
                    "t=1778000000,garbage", // element without '='
                    "sha256=abcd"
                })
        void malformedHeadersAreRejected(String header) {
            assertThat(reasonOf(() -> verifier(NEW).verify(header, BODY))).isEqualTo(Reason.MALFORMED_HEADER);
        }

        @Test
        void malformedWinsOverEverythingElse() {
            // A header that is both stale and unsigned reports the structural problem.
            assertThat(reasonOf(() -> verifier(NEW).verify("t=1", BODY))).isEqualTo(Reason.MALFORMED_HEADER);
        }

        @Test
        void toleratesWhitespaceUnknownSchemesAndUppercaseHex() {
            String header = WebhookSigner.signatureHeader(NOW, BODY, List.of(NEW));
            String v1 = header.substring(header.indexOf("v1=") + 3);
            String decorated = " t = " + NOW + " , v0=deadbeef,\tv1=" + v1.toUpperCase() + " , v2=xyz,";

            assertThatCode(() -> verifier(NEW).verify(decorated, BODY)).doesNotThrowAnyException();
        }

        @Test
        void undecodableV1IsJustNotAMatch() {
            String header = "t=" + NOW + ",v1=not-hex";
            assertThat(reasonOf(() -> verifier(NEW).verify(header, BODY))).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
        }

        @Test
        void exceptionMessageDoesNotEchoInput() {
            String header = WebhookSigner.signatureHeader(NOW, BODY, List.of(NEW));
            SignatureVerificationException e = catchThrowableOfType(
                    SignatureVerificationException.class,
                    () -> verifier(UNRELATED).verify(header, BODY));
            assertThat(e.getMessage()).doesNotContain(header.substring(16)).doesNotContain(UNRELATED.value());
        }
    }

    @Nested
    class Rotation {

        final String header = WebhookSigner.signatureHeader(NOW, BODY, List.of(OLD, NEW));

        @Test
        void headerCarriesOldThenNew() {
            assertThat(header).matches("t=" + NOW + ",v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        }

        @Test
        void receiverHoldingOnlyTheNewSecretAccepts() {
            assertThatCode(() -> verifier(NEW).verify(header, BODY)).doesNotThrowAnyException();
        }

        @Test
        void receiverHoldingOnlyTheOldSecretAccepts() {
            assertThatCode(() -> verifier(OLD).verify(header, BODY)).doesNotThrowAnyException();
        }

        @Test
        void receiverHoldingBothAccepts() {
            assertThatCode(() -> verifier(UNRELATED, OLD, NEW).verify(header, BODY))
                    .doesNotThrowAnyException();
        }

        @Test
        void unrelatedSecretIsRejected() {
            assertThat(reasonOf(() -> verifier(UNRELATED).verify(header, BODY)))
                    .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
        }

        @Test
        void quickstartStyleReceiverKeepingTheLastV1VerifiesWithTheNewSecret() throws Exception {
            assertThat(quickstartReceiverAccepts(header, BODY, NEW.value())).isTrue();
            assertThat(quickstartReceiverAccepts(header, BODY, OLD.value())).isFalse();
        }

        /**
         * The quickstart's Express receiver, transcribed: {@code Object.fromEntries} keeps the last
         * value of a repeated key, and the HMAC key is the whole secret string.
         */
        private boolean quickstartReceiverAccepts(String sigHeader, byte[] body, String secret) throws Exception {
            Map<String, String> parts = new HashMap<>();
            for (String p : sigHeader.split(",")) {
                String[] kv = p.split("=");
                parts.put(kv[0], kv[1]);
            }
            long t = Long.parseLong(parts.get("t"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of()
                    .formatHex(mac.doFinal(
                            (t + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(
                    parts.get("v1").getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class StandardWebhooksHeaders {

        final String id = "msg_2Kx9";
        final String signature = WebhookSigner.standardWebhooksSignature(id, NOW, BODY, List.of(OLD, NEW));

        @Test
        void roundTripAndRotation() {
            assertThatCode(() -> verifier(NEW).verifyStandardWebhooks(id, Long.toString(NOW), signature, BODY))
                    .doesNotThrowAnyException();
            assertThatCode(() -> verifier(OLD).verifyStandardWebhooks(id, Long.toString(NOW), signature, BODY))
                    .doesNotThrowAnyException();
        }

        @Test
        void failuresGiveTheRightReason() {
            String now = Long.toString(NOW);
            byte[] tampered = BODY.clone();
            tampered[0] = ' ';

            assertThat(reasonOf(() -> verifier(UNRELATED).verifyStandardWebhooks(id, now, signature, BODY)))
                    .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
            assertThat(reasonOf(() -> verifier(NEW).verifyStandardWebhooks(id, now, signature, tampered)))
                    .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
            assertThat(reasonOf(() -> verifier(NEW).verifyStandardWebhooks("msg_other", now, signature, BODY)))
                    .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
            String stale = WebhookSigner.standardWebhooksSignature(id, NOW - 301, BODY, List.of(NEW));
            assertThat(reasonOf(() -> verifier(NEW).verifyStandardWebhooks(id, Long.toString(NOW - 301), stale, BODY)))
                    .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
            String future = WebhookSigner.standardWebhooksSignature(id, NOW + 301, BODY, List.of(NEW));
            assertThat(reasonOf(() -> verifier(NEW).verifyStandardWebhooks(id, Long.toString(NOW + 301), future, BODY)))
                    .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
        }

        @Test
        void malformedHeaders() {
            String now = Long.toString(NOW);
            WebhookVerifier v = verifier(NEW);

            assertThat(reasonOf(() -> v.verifyStandardWebhooks(null, now, signature, BODY)))
                    .isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(reasonOf(() -> v.verifyStandardWebhooks("", now, signature, BODY)))
                    .isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(reasonOf(() -> v.verifyStandardWebhooks(id, null, signature, BODY)))
                    .isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(reasonOf(() -> v.verifyStandardWebhooks(id, "soon", signature, BODY)))
                    .isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(reasonOf(() -> v.verifyStandardWebhooks(id, now, null, BODY)))
                    .isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(reasonOf(() -> v.verifyStandardWebhooks(id, now, " ", BODY)))
                    .isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(reasonOf(() -> v.verifyStandardWebhooks(id, now, "v1a,abcd", BODY)))
                    .isEqualTo(Reason.MALFORMED_HEADER);
        }

        @Test
        void toleratesExtraWhitespaceAndOtherVersions() {
            String decorated = "  v1a,c2lnbmF0dXJl   " + signature.replace(" ", "\t ") + " ";
            assertThatCode(() -> verifier(NEW).verifyStandardWebhooks(id, " " + NOW + " ", decorated, BODY))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void factoriesValidateTheirArguments() {
        assertThatThrownBy(() -> WebhookVerifier.withSecrets(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookVerifier.withSecret(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> verifier(NEW).withClock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> verifier(NEW).verify("t=1,v1=00", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void withMethodsReturnCopies() {
        WebhookVerifier base = WebhookVerifier.withSecret(NEW).withClock(CLOCK);
        base.withTolerance(Duration.ZERO);

        String header = WebhookSigner.signatureHeader(NOW - 100, BODY, List.of(NEW));
        assertThatCode(() -> base.verify(header, BODY)).doesNotThrowAnyException();
    }
}
