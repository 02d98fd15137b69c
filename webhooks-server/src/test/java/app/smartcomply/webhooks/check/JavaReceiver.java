package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.signature.SignatureVerificationException;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Received;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A correct receiver written with {@code webhooks-signature}, as the README tells a Java customer
 * to: verify the raw body before anything else (every {@code v1=} value, 5-minute tolerance) and
 * answer 400 when it does not verify; acknowledge a repeated event id with 200 without handling it
 * again. Its clock is the service's, which the test steps.
 */
final class JavaReceiver implements Function<Received, Reply> {

    private final WebhookVerifier verifier;
    private final Set<String> handled = ConcurrentHashMap.newKeySet();

    JavaReceiver(String signingSecret, Clock clock) {
        this.verifier =
                WebhookVerifier.withSecret(SigningSecret.parse(signingSecret)).withClock(clock);
    }

    static TestReceiver start(String signingSecret, Clock clock) {
        return TestReceiver.start().answering(new JavaReceiver(signingSecret, clock));
    }

    @Override
    public Reply apply(Received request) {
        try {
            verifier.verify(request.header("X-SmartComply-Signature"), request.body());
        } catch (SignatureVerificationException e) {
            return Reply.status(400).withBody(e.getReason().name());
        }
        if (!handled.add(request.header("X-SmartComply-Event-Id"))) {
            return Reply.ok().withBody("{\"received\":true,\"duplicate\":true}"); // acknowledged, not handled again
        }
        return Reply.ok();
    }
}
