package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A request line Tomcat cannot parse is answered with a problem and is not copied into the log:
 * it may carry a key in its query string. (Its own class: Tomcat logs only the first such
 * request in a while, so no other request may come first.)
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreadableRequestLogTest extends WebhooksAppTest {

    @Test
    void aKeyInAnUnparsableRequestLineIsNotLogged(CapturedOutput output) {
        String key = "sc_live_5f2c8e1a9b7d3f6e0c4a8b2d6f1e9c3a7b5d0e8f";

        assertProblem(RawHttp.get(port, "/api/v1/events?api_key=" + key + "&x={}"), 400, "invalid_request", null, key);

        assertThat(output.getAll()).doesNotContain(key);
    }
}
