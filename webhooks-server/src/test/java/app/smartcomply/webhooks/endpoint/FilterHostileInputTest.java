package app.smartcomply.webhooks.endpoint;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertClientProblem;
import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import org.junit.jupiter.api.Test;

/**
 * Filters a hostile customer sends: numbers past a double's range, huge lists, deep nesting,
 * operators the language does not have. Each is a 400 naming the part of the filter, and nothing
 * a customer saves can break a later publish.
 */
class FilterHostileInputTest extends WebhooksAppTest {

    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";
    private static final String URL = "http://127.0.0.1:9/x";

    @Test
    void aNumberPastADoublesRangeIsRefusedAndNeverBreaksAPublish() {
        Answer account = api().createAccount(ADMIN_KEY, "Huge Number Co");
        String key = account.text("api_key");
        for (String number : new String[] {"1e400", "-1e400"}) {
            assertProblem(
                    post(key, "{\"score\": {\"$gt\": " + number + "}}"),
                    400,
                    "invalid_filter_operand",
                    "filter.score.$gt");
            assertProblem(post(key, "{\"score\": " + number + "}"), 400, "invalid_filter_operand", "filter.score");
            assertProblem(
                    post(key, "{\"score\": {\"$in\": [1, " + number + "]}}"),
                    400,
                    "invalid_filter_operand",
                    "filter.score.$in");
        }
        // A filter with a large but finite number is kept, and a publish goes through it.
        ApiClient.expect(201, post(key, "{\"score\": {\"$lt\": 1e300}}"));
        Answer published =
                api().publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1));
        assertThat(published.status()).as(published.body()).isEqualTo(202);
        // An event whose number is past a double's range is refused by the type's schema.
        Answer huge = api().post(
                        "/api/v1/events",
                        ADMIN_KEY,
                        "{\"account_id\":\"" + account.text("id")
                                + "\",\"type\":\"test.submitted\",\"data\":"
                                + EventExamples.testSubmitted(2).replace("\"score\":82.5", "\"score\":1e400") + "}");
        assertProblem(huge, 400, "invalid_event_data", "data.score");
    }

    @Test
    void hugeDeepOrUnknownFiltersAreProblemsNotErrors() {
        String key = api().createAccount(ADMIN_KEY, "Hostile Filter Co").text("api_key");
        StringBuilder tenThousand = new StringBuilder("{\"score\": {\"$in\": [");
        for (int i = 0; i < 10_000; i++) {
            tenThousand.append(i == 0 ? "" : ",").append(i);
        }
        assertProblem(post(key, tenThousand.append("]}}").toString()), 400, "filter_too_complex", "filter");
        String deep = "{\"score\": 1}";
        for (int i = 0; i < 2_000; i++) {
            deep = "{\"$or\": [" + deep + "]}";
        }
        assertClientProblem(post(key, deep));
        assertProblem(
                post(key, "{\"test_name\": {\"$regex\": \"^I\"}}"),
                400,
                "unknown_filter_operator",
                "filter.test_name.$regex");
        assertProblem(post(key, "{\"$where\": \"sleep(1000)\"}"), 400, "unknown_filter_operator", "filter.$where");
        assertProblem(
                post(key, "{\"test_name\": {\"$eq\": 1, \"$gt\": {\"$x\": 1}}}"),
                400,
                "invalid_filter_operand",
                "filter.test_name.$gt");
    }

    private Answer post(String key, String filter) {
        return api().post(
                        ENDPOINTS,
                        key,
                        "{\"url\":\"" + URL + "\",\"events\":[\"test.submitted\"],\"filter\":" + filter + "}");
    }
}
