package app.smartcomply.webhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import app.smartcomply.webhooks.signature.SignatureVerificationException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of signing and verifying over generated inputs: any header text, however broken,
 * ends in {@link SignatureVerificationException} and nothing else (and never in success); a
 * header made by the signer always verifies, with any of the secrets it was made with; and any
 * one-byte change of the body (a changed, added or removed byte) fails with
 * {@link Reason#NO_MATCHING_SIGNATURE}.
 *
 * <p>Inputs come from a seeded {@link Random} (seed shown per sample; change it with
 * {@code -Dproperties.seed=N}), so every run checks the same samples and a failure replays.
 */
class SignatureHeaderPropertiesTest {

    static final long SEED = Long.getLong("properties.seed", 20_261_205L);
    static final long NOW = 1_778_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final SigningSecret SECRET = secret(new Random(SEED - 1));

    /** The characters header syntax is made of, and some that only look like it. */
    static final String ALPHABET = "tv1=,; \t0123456789abcdefABCDEF-+_x.\u00a0\uFF11\u0661\u200b";

    /** One generated case: a signed body, the secrets, the one the receiver knows, headers. */
    record Signed(byte[] body, long timestamp, List<SigningSecret> secrets, SigningSecret known, String messageId) {
        String header() {
            return WebhookSigner.signatureHeader(timestamp, body, secrets);
        }

        String standardSignature() {
            return WebhookSigner.standardWebhooksSignature(messageId, timestamp, body, secrets);
        }

        WebhookVerifier verifier() {
            return WebhookVerifier.withSecret(known).withClock(CLOCK);
        }

        @Override
        public String toString() {
            return body.length + " bytes, t=" + timestamp + ", " + secrets.size() + " secret(s)";
        }
    }

    static <T> Stream<Named<T>> samples(int count, Function<Random, T> generator) {
        return IntStream.range(0, count).mapToObj(i -> {
            T value = generator.apply(new Random(SEED + i));
            String shown = String.valueOf(value);
            return Named.of(
                    "seed " + (SEED + i) + ": " + (shown.length() > 70 ? shown.substring(0, 70) + "…" : shown), value);
        });
    }

    static Stream<Named<String>> anyHeader() {
        return samples(1000, random -> switch (random.nextInt(3)) {
            case 0 -> randomText(random, ALPHABET, random.nextInt(80));
            case 1 -> structured(random);
            default -> randomUnicode(random, random.nextInt(40));
        });
    }

    static Stream<Named<Signed>> signed() {
        return samples(500, random -> {
            byte[] body = new byte[random.nextInt(5) == 0 ? 0 : random.nextInt(4096)];
            random.nextBytes(body);
            List<SigningSecret> secrets = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                secrets.add(secret(random));
            }
            long skew = random.nextInt(2 * 300 + 1) - 300; // anywhere inside the default tolerance
            String messageId = "msg_" + Long.toHexString(random.nextLong());
            return new Signed(body, NOW + skew, secrets, secrets.get(random.nextInt(count)), messageId);
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("anyHeader")
    void anyHeaderTextFailsOnlyWithTheDocumentedException(String header) {
        byte[] body = "{\"id\":\"evt_1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        WebhookVerifier verifier = WebhookVerifier.withSecret(SECRET).withClock(CLOCK);

        assertThat(catchThrowable(() -> verifier.verify(header, body)))
                .as(header)
                .isInstanceOf(SignatureVerificationException.class);
        assertThat(catchThrowable(() -> verifier.verifyStandardWebhooks("msg_1", header, header, body)))
                .as(header)
                .isInstanceOf(SignatureVerificationException.class);
        assertThat(catchThrowable(
                        () -> verifier.verifyStandardWebhooks(header, Long.toString(NOW), "v1," + header, body)))
                .as(header)
                .isInstanceOf(SignatureVerificationException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("signed")
    void aHeaderFromTheSignerAlwaysVerifies(Signed signed) {
        assertThatCode(() -> signed.verifier().verify(signed.header(), signed.body()))
                .doesNotThrowAnyException();
        assertThatCode(() -> signed.verifier()
                        .verifyStandardWebhooks(
                                signed.messageId(),
                                Long.toString(signed.timestamp()),
                                signed.standardSignature(),
                                signed.body()))
                .doesNotThrowAnyException();
        // Hex case does not matter: the MACs are compared as bytes.
        StringBuilder upperHex = new StringBuilder();
        for (char c : signed.header().toCharArray()) {
            upperHex.append(c >= 'a' && c <= 'f' ? Character.toUpperCase(c) : c);
        }
        assertThatCode(() -> signed.verifier().verify(upperHex.toString(), signed.body()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("signed")
    void anyOneByteChangeOfTheBodyFails(Signed signed) {
        Random random = new Random(signed.timestamp() ^ signed.body().length);
        for (byte[] changed : oneByteChanges(random, signed.body())) {
            assertThat(reason(() -> signed.verifier().verify(signed.header(), changed)))
                    .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
            assertThat(reason(() -> signed.verifier()
                            .verifyStandardWebhooks(
                                    signed.messageId(),
                                    Long.toString(signed.timestamp()),
                                    signed.standardSignature(),
                                    changed)))
                    .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
        }
    }

    // --- generators ---------------------------------------------------------------------------

    /** A byte changed to another value, a byte added, a byte removed (when there is one). */
    static List<byte[]> oneByteChanges(Random random, byte[] body) {
        List<byte[]> changes = new ArrayList<>();
        if (body.length > 0) {
            byte[] flipped = body.clone();
            int at = random.nextInt(body.length);
            flipped[at] = (byte) (flipped[at] + 1 + random.nextInt(255));
            changes.add(flipped);
            byte[] shorter = new byte[body.length - 1];
            int cut = random.nextInt(body.length);
            System.arraycopy(body, 0, shorter, 0, cut);
            System.arraycopy(body, cut + 1, shorter, cut, body.length - cut - 1);
            changes.add(shorter);
        }
        byte[] longer = new byte[body.length + 1];
        int insert = random.nextInt(body.length + 1);
        System.arraycopy(body, 0, longer, 0, insert);
        longer[insert] = (byte) random.nextInt(256);
        System.arraycopy(body, insert, longer, insert + 1, body.length - insert);
        changes.add(longer);
        return changes;
    }

    /** Header-shaped text: elements with odd keys, odd numbers and odd hex. */
    static String structured(Random random) {
        List<String> keys = List.of("t", "v1", "v0", "v2", "T", " t", "t ", "", "=", "v1 ");
        List<String> values = List.of(
                "",
                "0",
                Long.toString(NOW),
                "+" + NOW,
                "-" + NOW,
                "9".repeat(19),
                "9".repeat(40),
                "\uFF11\uFF12",
                "0x10",
                "1e9",
                " " + NOW + " ",
                "a".repeat(64),
                "g".repeat(64),
                "abc",
                "0".repeat(10_000),
                randomText(random, "0123456789abcdef", 64),
                "=",
                ",",
                "\u0000");
        StringBuilder header = new StringBuilder();
        int elements = random.nextInt(6);
        for (int i = 0; i < elements; i++) {
            if (i > 0) {
                header.append(random.nextInt(8) == 0 ? ",," : ",");
            }
            header.append(keys.get(random.nextInt(keys.size())));
            if (random.nextInt(10) > 0) {
                header.append('=');
            }
            header.append(values.get(random.nextInt(values.size())));
        }
        return header.toString();
    }

    static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Any UTF-16 units, lone surrogates included. */
    static String randomUnicode(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0x10000));
        }
        return text.toString();
    }

    static SigningSecret secret(Random random) {
        byte[] key = new byte[24];
        random.nextBytes(key);
        return SigningSecret.parse(SigningSecret.PREFIX + Base64.getEncoder().encodeToString(key));
    }

    static Reason reason(Runnable verification) {
        Throwable thrown = catchThrowable(verification::run);
        assertThat(thrown).isInstanceOf(SignatureVerificationException.class);
        return ((SignatureVerificationException) thrown).getReason();
    }
}
