package app.smartcomply.webhooks.receiver;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The quickstart's Express verification, step for step in Java, for receivers written from it
 * in another language. In particular it parses the header the way
 * {@code Object.fromEntries(sigHeader.split(",").map((p) => p.split("=")))} does, so a repeated
 * {@code v1} overwrites the one before: only the <em>last</em> {@code v1} is checked.
 *
 * <p>Deliberately independent of the webhooks-signature library, so it checks the service's
 * output against the quickstart's math, not against our own code.
 */
final class QuickstartStyleVerifier {

    private final String secret;
    private final Clock clock;

    /** @param secret the whole {@code whsec_…} string: the quickstart keys the HMAC with it as is */
    QuickstartStyleVerifier(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** What the quickstart's receiver would answer: 200, or 400 with its reason. */
    enum Verdict {
        ACCEPTED,
        SIGNATURE_TOO_OLD,
        INVALID_SIGNATURE
    }

    Verdict check(String sigHeader, byte[] rawBody) {
        Map<String, String> parts = new HashMap<>();
        for (String part : sigHeader.split(",")) {
            String[] keyValue = part.split("=");
            parts.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : null); // later keys win, as in JS
        }
        long t = Long.parseLong(parts.get("t"));
        String v1 = parts.get("v1");
        String body = new String(rawBody, StandardCharsets.UTF_8);

        long age = Math.floorDiv(clock.millis(), 1000) - t;
        if (age > 300) {
            return Verdict.SIGNATURE_TOO_OLD;
        }
        String expected = HexFormat.of()
                .formatHex(hmacSha256(
                        secret.getBytes(StandardCharsets.UTF_8), (t + "." + body).getBytes(StandardCharsets.UTF_8)));
        if (v1 == null
                || !MessageDigest.isEqual(
                        v1.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            return Verdict.INVALID_SIGNATURE;
        }
        return Verdict.ACCEPTED;
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
