package app.smartcomply.webhooks.listen;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.testkit.WithoutRateLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code webhooks listen --proxy}: the CLI reaches the service through the proxy (its stream's
 * request is relayed by it), while the forward to the local receiver never goes through it.
 */
@WithoutRateLimits
class ListenThroughProxyTest extends WebhooksAppTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theStreamGoesThroughTheProxyAndTheLocalForwardDoesNot() throws Exception {
        Answer account = api().createAccount(ADMIN_KEY, "Behind A Proxy Co");
        String key = account.text("api_key");
        Path state = Files.createTempDirectory("listen-proxy-").resolve("state.properties");
        try (PlainHttpProxy proxy = new PlainHttpProxy();
                TestReceiver receiver = TestReceiver.start();
                ListenCliProcess cli = ListenCliProcess.start(
                        "--service",
                        "http://127.0.0.1:" + port,
                        "--api-key",
                        key,
                        "--forward-to",
                        receiver.url(),
                        "--proxy",
                        "127.0.0.1:" + proxy.port(),
                        "--state-file",
                        state.toString())) {
            cli.awaitSession(TIMEOUT);
            String event = ApiClient.expect(
                            202,
                            api().publish(
                                            ADMIN_KEY,
                                            account.text("id"),
                                            "test.submitted",
                                            EventExamples.testSubmitted(1)))
                    .text("id");

            assertThat(cli.awaitForward(event, TIMEOUT).status()).isEqualTo("200");
            assertThat(receiver.received()).hasSize(1);
            assertThat(proxy.requestLines())
                    .anySatisfy(
                            line -> assertThat(line).startsWith("GET http://127.0.0.1:" + port + "/api/v1/listen?"));
            assertThat(proxy.requestLines())
                    .noneSatisfy(line -> assertThat(line).contains(receiver.url()));
        }
    }
}
