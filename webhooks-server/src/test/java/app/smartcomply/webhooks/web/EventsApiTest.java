package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Reading events back, and the event-type catalog customers subscribe from. */
class EventsApiTest extends WebhooksAppTest {

    @Test
    void eventsListNewestFirstPagedAndFilteredByType() {
        TestAccount account = TestAccount.create(api(), "Events");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            published.add(api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(i))
                    .text("id"));
            clock.advance(Duration.ofMillis(1));
        }
        String testEvent = api().post(
                        "/api/v1/webhooks/endpoints/"
                                + api().createEndpoint(account.apiKey(), "https://example.com/hook", "*")
                                        .text("id") + "/test",
                        account.apiKey(),
                        null)
                .text("id");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            JsonNode page = ApiClient.expect(
                            200,
                            api().get(
                                            "/api/v1/events?limit=3"
                                                    + (cursor == null ? "" : "&starting_after=" + cursor),
                                            account.apiKey()))
                    .json();
            page.get("data").forEach(event -> seen.add(event.get("id").asString()));
            more = page.get("has_more").asBoolean();
            cursor = seen.getLast();
            assertThat(seen.size()).isLessThanOrEqualTo(8);
        }
        List<String> expected = new ArrayList<>(published);
        expected.add(testEvent);
        assertThat(seen).containsExactlyElementsOf(expected.reversed());

        JsonNode onlyTests = ApiClient.expect(200, api().get("/api/v1/events?type=webhook.test", account.apiKey()))
                .json();
        assertThat(onlyTests.get("data")).hasSize(1);
        assertThat(onlyTests.get("data").get(0).get("id").asString()).isEqualTo(testEvent);
        JsonNode none = ApiClient.expect(200, api().get("/api/v1/events?type=notice.created", account.apiKey()))
                .json();
        assertThat(none.get("data")).isEmpty();
    }

    @Test
    void oneEventIsTheExactPayloadEndpointsReceive() {
        TestAccount account = TestAccount.create(api(), "Event");
        ApiClient.Answer published =
                api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1));

        ApiClient.Answer read =
                ApiClient.expect(200, api().get("/api/v1/events/" + published.text("id"), account.apiKey()));

        // The payload's four fields, then the mode it was published in (told to API callers only).
        assertThat(read.json().propertyNames()).containsExactly("id", "type", "created_at", "data", "mode");
        assertThat(read.text("mode")).isEqualTo("live");
        assertThat(read.json()).isEqualTo(published.json());
        assertProblem(
                api().get("/api/v1/events/evt_" + "0".repeat(32), account.apiKey()), 404, "resource_missing", "id");
        assertProblem(api().get("/api/v1/events/not-an-id", account.apiKey()), 404, "resource_missing", "id");
    }

    @Test
    void theCatalogDescribesEveryTypeWithSchemaAndExample() {
        TestAccount account = TestAccount.create(api(), "Catalog");

        ApiClient.Answer answer = ApiClient.expect(200, api().get("/api/v1/webhooks/event-types", account.apiKey()));

        assertThat(answer.json().get("has_more").asBoolean()).isFalse();
        Map<String, JsonNode> byName = new HashMap<>();
        answer.json().get("data").forEach(type -> byName.put(type.get("name").asString(), type));
        assertThat(byName)
                .hasSizeGreaterThanOrEqualTo(8)
                .containsKeys("test.submitted", "notice.created", "webhook.test", "webhook.endpoint.disabled");
        byName.forEach((name, type) -> {
            assertThat(type.get("name").asString()).as(name).matches("[a-z_]+(\\.[a-z_]+)+");
            assertThat(type.get("description").asString()).as(name).hasSizeGreaterThan(10);
            assertThat(type.get("schema").get("type").asString()).as(name).isEqualTo("object");
            assertThat(type.get("schema").get("properties").isObject()).as(name).isTrue();
            assertThat(type.get("example").isObject()).as(name).isTrue();
            assertThat(type.get("example").size()).as(name).isPositive();
            assertThat(type.get("reserved").isBoolean()).as(name).isTrue();
        });
        assertThat(byName.get("webhook.test").get("reserved").asBoolean()).isTrue();
        assertThat(byName.get("webhook.endpoint.disabled").get("reserved").asBoolean())
                .isTrue();
        assertThat(byName.get("test.submitted").get("reserved").asBoolean()).isFalse();
    }

    @Test
    void everyCatalogExampleOfAPublishableTypeIsAcceptedByPublish() {
        TestAccount account = TestAccount.create(api(), "Examples");
        JsonNode catalog = ApiClient.expect(200, api().get("/api/v1/webhooks/event-types", account.apiKey()))
                .json();

        for (JsonNode type : catalog.get("data")) {
            String name = type.get("name").asString();
            ApiClient.Answer answer = api().post(
                            "/api/v1/events",
                            ADMIN_KEY,
                            "{\"account_id\":\"" + account.id() + "\",\"type\":\"" + name + "\",\"data\":"
                                    + type.get("example") + "}");
            if (type.get("reserved").asBoolean()) {
                assertProblem(answer, 400, "reserved_event_type", "type");
            } else {
                assertThat(answer.status()).as(name + ": " + answer.body()).isEqualTo(202);
                assertThat(answer.json().get("data")).isEqualTo(type.get("example"));
            }
        }
    }
}
