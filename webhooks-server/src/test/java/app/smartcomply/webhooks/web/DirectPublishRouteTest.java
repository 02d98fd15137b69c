package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The common publish is answered by {@link DirectPublishFilter}, any other by Spring MVC: a caller
 * must not be able to tell which. Each case is sent twice — as a plain publish, and with an {@code
 * Accept} header the direct route leaves to Spring MVC — and both answers must agree in status,
 * the headers a client reads, and body (but for a new event's id and time).
 */
class DirectPublishRouteTest extends WebhooksAppTest {

    /** Accepts JSON as a plain publish does, in a spelling the direct route passes on. */
    private static final String VIA_SPRING_MVC = "application/json, text/plain;q=0.5";

    private static final List<String> HEADERS_CLIENTS_READ =
            List.of("content-type", "cache-control", "retry-after", "idempotent-replayed", "www-authenticate");

    private TestAccount account;

    @BeforeEach
    void freshAccount() {
        account = TestAccount.create(api(), "Direct route");
        api().createEndpoint(account.apiKey(), "https://receiver.example.com/hook", "test.submitted");
    }

    static Stream<Arguments> publishes() {
        String valid = EventExamples.testSubmitted(1);
        return Stream.of(
                Arguments.of("a valid publish", "test.submitted", valid, null),
                Arguments.of("an unknown type", "test.finished", "{}", null),
                Arguments.of("data against the schema", "test.submitted", "{\"score\":\"high\"}", null),
                Arguments.of("data that is not an object", "test.submitted", "[1,2]", null),
                Arguments.of("no data", "test.submitted", "null", null),
                Arguments.of("an idempotency key used before", "test.submitted", valid, "reused"),
                Arguments.of("an unknown account", "test.submitted", valid, "unknown-account"),
                Arguments.of("an unknown field", "test.submitted", valid, "extra-field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishes")
    void bothRoutesAnswerAlike(String name, String type, String data, String twist) {
        ApiClient.Answer direct = publish(type, data, twist, null, "direct");
        ApiClient.Answer viaMvc = publish(type, data, twist, VIA_SPRING_MVC, "mvc");

        assertThat(direct.status()).as("status").isEqualTo(viaMvc.status());
        for (String header : HEADERS_CLIENTS_READ) {
            assertThat(direct.header(header)).as(header).isEqualTo(viaMvc.header(header));
        }
        assertThat(withoutNewEventFields(direct)).isEqualTo(withoutNewEventFields(viaMvc));
    }

    @Test
    void aStreamedBodyIsReadToItsEndOrItsLimit() {
        String publish = "{\"account_id\":\"" + account.id() + "\",\"type\":\"test.submitted\",\"data\":"
                + EventExamples.testSubmitted(1) + "}";
        assertThat(api().postChunked("/api/v1/events", ADMIN_KEY, publish).status())
                .isEqualTo(202);

        String huge = publish.replace("}}", "},\"padding\":\"" + "x".repeat(1024 * 1024) + "\"}");
        assertProblem(api().postChunked("/api/v1/events", ADMIN_KEY, huge), 413, "request_too_large", null);
    }

    /**
     * One publish; {@code twist} bends the request: {@code reused} publishes once with an
     * idempotency key, then again with it and other data.
     */
    private ApiClient.Answer publish(String type, String data, String twist, String accept, String route) {
        String accountId = "unknown-account".equals(twist) ? "acct_" + "0".repeat(32) : account.id();
        String extra = "extra-field".equals(twist) ? ",\"priority\":1" : "";
        String body = "{\"account_id\":\"" + accountId + "\",\"type\":\"" + type + "\",\"data\":" + data + extra + "}";
        Map<String, String> headers = new HashMap<>();
        if (accept != null) {
            headers.put("Accept", accept);
        }
        if ("reused".equals(twist)) {
            headers.put("Idempotency-Key", "key-" + route);
            ApiClient.expect(202, api().send("POST", "/api/v1/events", ADMIN_KEY, body, headers));
            body = body.replace(data, EventExamples.testSubmitted(2));
        }
        return api().send("POST", "/api/v1/events", ADMIN_KEY, body, headers);
    }

    private static Object withoutNewEventFields(ApiClient.Answer answer) {
        if (!(answer.json() instanceof ObjectNode json)) {
            return answer.body();
        }
        ObjectNode copy = json.deepCopy();
        if (answer.status() == 202) {
            assertThat(copy.remove("id").asString()).startsWith("evt_");
            assertThat(copy.remove("created_at")).isNotNull();
        }
        return copy;
    }
}
