package app.smartcomply.webhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SigningSecretTest {

    private static final String KNOWN = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"; // bytes 0..23

    @Test
    void generateGivesPrefixAnd32Base64CharsDecodingTo24Bytes() {
        SigningSecret secret = SigningSecret.generate(new SecureRandom());

        assertThat(secret.value()).matches("whsec_[A-Za-z0-9+/]{32}");
        assertThat(Base64.getDecoder().decode(secret.value().substring(6))).hasSize(24);
        assertThat(secret.standardWebhooksKeyBytes()).hasSize(24);
        assertThat(SigningSecret.parse(secret.value())).isEqualTo(secret);
    }

    @Test
    void generateWithoutArgumentGivesDistinctSecrets() {
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            values.add(SigningSecret.generate().value());
        }
        assertThat(values).hasSize(100).allMatch(v -> v.matches("whsec_[A-Za-z0-9+/]{32}"));
    }

    @Test
    void keyBytesFollowBothSchemes() {
        SigningSecret secret = SigningSecret.parse(KNOWN);

        assertThat(secret.value()).isEqualTo(KNOWN);
        assertThat(secret.hmacKeyBytes()).isEqualTo(KNOWN.getBytes(StandardCharsets.UTF_8));
        byte[] expected = new byte[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = (byte) i;
        }
        assertThat(secret.standardWebhooksKeyBytes()).isEqualTo(expected);
    }

    @Test
    void keyBytesAreDefensiveCopies() {
        SigningSecret secret = SigningSecret.parse(KNOWN);
        secret.hmacKeyBytes()[0] = 'X';
        secret.standardWebhooksKeyBytes()[0] = 42;

        assertThat(secret.hmacKeyBytes()[0]).isEqualTo((byte) 'w');
        assertThat(secret.standardWebhooksKeyBytes()[0]).isZero();
    }

    @Test
    void parseAcceptsOtherLengthsOfAtLeast16BytesForImportedSecrets() {
        String sixteen = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]); // padded
        String svixLength = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String unpadded = "whsec_" + Base64.getEncoder().withoutPadding().encodeToString(new byte[32]);

        assertThat(SigningSecret.parse(sixteen).standardWebhooksKeyBytes()).hasSize(16);
        assertThat(SigningSecret.parse(svixLength).standardWebhooksKeyBytes()).hasSize(24);
        assertThat(SigningSecret.parse(unpadded).standardWebhooksKeyBytes()).hasSize(32);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", // no prefix
                "WHSEC_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", // wrong case prefix
                "whsec_", // nothing after the prefix
                "whsec_AAECAwQFBgcICQoLDA0O", // 15 bytes: too short
                "whsec_AAECAwQFBgcICQoLDA0ODxAREhMU-_YX", // base64url alphabet, not standard
                "whsec_AAECAwQFBgcICQoL DA0ODxAREhMUFRYX", // embedded space
                " whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", // not trimmed: the whole string is the key
                "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX\n",
                "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRY!"
            })
    void parseRejectsBadInputWithoutEchoingIt(String bad) {
        assertThatThrownBy(() -> SigningSecret.parse(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .satisfies(e -> {
                    if (bad != null && bad.length() > 6) {
                        assertThat(e.getMessage()).doesNotContain(bad.strip().substring(6));
                    }
                    assertThat(e.getMessage()).doesNotContain("AAECAwQF");
                });
    }

    @Test
    void toStringAndMaskedNeverRevealTheSecret() {
        SigningSecret secret = SigningSecret.parse(KNOWN);

        assertThat(secret.masked()).isEqualTo("whsec_…FRYX");
        assertThat(secret.toString()).isEqualTo(secret.masked()).doesNotContain("AAECAwQFBgcICQoLDA0ODxAREhMU");
        assertThat(String.valueOf(java.util.List.of(secret))).doesNotContain(KNOWN);
    }

    @Test
    void equalityIsByValue() {
        SigningSecret a = SigningSecret.parse(KNOWN);
        SigningSecret b = SigningSecret.parse(new String(KNOWN.toCharArray()));
        SigningSecret other = SigningSecret.generate();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(other).isNotEqualTo(KNOWN);
    }
}
