package app.smartcomply.webhooks.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.listen.ListenCliProcess;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.testkit.WithoutRateLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code webhooks listen} forwarding to the quickstart's Express receiver (its code unchanged):
 * the receiver verifies every forward with the session's secret, and a restart of the CLI in the
 * middle of the stream loses nothing — the restarted CLI resumes its session and sends the last
 * event it handled as {@code Last-Event-ID}.
 */
@WithoutRateLimits // the stepped clock never refills a bucket, and every forward is reported with the key
class ListenToExpressReceiverTest extends WebhooksAppTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void nodeAndExpress() {
        NodeToolchain.requireInstalled(ExpressQuickstartReceiver.FIXTURE);
    }

    @BeforeEach
    void keepServiceTimeReal() {
        clock.set(Instant.now());
    }

    @Test
    void expressVerifiesEveryForwardAndARestartOfTheCliMidStreamLosesNothing() throws Exception {
        ApiClient api = api();
        Answer account = api.createAccount(ADMIN_KEY, "Listen Express Co");
        String key = account.text("api_key");
        Path state = Files.createTempDirectory("listen-").resolve("state.properties");

        // The receiver needs the session's secret to start, and the session is made by the CLI: open it first.
        String secret;
        String session;
        try (ListenCliProcess opening = listen(key, "http://127.0.0.1:9/webhooks/smartcomply", state)) {
            secret = opening.awaitSecret(TIMEOUT);
            session = opening.awaitSession(TIMEOUT);
        }

        try (ExpressQuickstartReceiver express = ExpressQuickstartReceiver.start(secret)) {
            List<String> events = new ArrayList<>();
            try (ListenCliProcess cli = listen(key, express.url(), state)) {
                cli.awaitLine(line -> line.startsWith("Resumed session " + session), TIMEOUT);
                events.add(publish(api, account, 1));
                events.add(publish(api, account, 2));
                for (String event : events) {
                    express.awaitLine("Received test.submitted (id: " + event + ")", TIMEOUT);
                    assertThat(cli.awaitForward(event, TIMEOUT).status()).isEqualTo("200");
                }
            }

            // The CLI is gone: these wait for it.
            events.add(publish(api, account, 3));
            events.add(publish(api, account, 4));

            try (ListenCliProcess restarted = listen(key, express.url(), state)) {
                restarted.awaitLine(line -> line.startsWith("Resumed session " + session), TIMEOUT);
                events.add(publish(api, account, 5));
                for (String event : events.subList(2, 5)) {
                    express.awaitLine("Received test.submitted (id: " + event + ")", TIMEOUT);
                    assertThat(restarted.awaitForward(event, TIMEOUT).status()).isEqualTo("200");
                }
                // What the first CLI handled is not sent again.
                assertThat(restarted.forwards())
                        .extracting(ListenCliProcess.Forward::eventId)
                        .containsExactlyElementsOf(events.subList(2, 5));
            }
            for (String event : events) {
                assertThat(express.output()).containsOnlyOnce("Received test.submitted (id: " + event + ")");
            }
        }
    }

    private ListenCliProcess listen(String key, String forwardTo, Path state) {
        return ListenCliProcess.start(
                "--service",
                "http://127.0.0.1:" + port,
                "--api-key",
                key,
                "--forward-to",
                forwardTo,
                "--events",
                "test.submitted",
                "--state-file",
                state.toString());
    }

    private static String publish(ApiClient api, Answer account, int n) {
        return ApiClient.expect(
                        202,
                        api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(n)))
                .text("id");
    }
}
