package app.smartcomply.webhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.account.SessionTokens;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ProblemAssertions;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service started with {@code webhooks.catalog} (WEBHOOKS_CATALOG) pointing at a real
 * directory of type files: the API and the dashboard list the added types beside the built-in
 * ones with their version, source and deprecation; publishing validates against the latest
 * version; a deprecated type is still delivered. Also: the catalog is readable with the admin key,
 * and the delivery log refuses an unknown {@code event_type} filter.
 */
class OperatorCatalogAppTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    SessionTokens sessions;

    @DynamicPropertySource
    static void catalogDirectory(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("webhooks-catalog-");
        Files.writeString(dir.resolve("order.shipped.v1.json"), CatalogFiles.orderShipped(1, false));
        Files.writeString(dir.resolve("order.shipped.v2.json"), CatalogFiles.orderShipped(2, false));
        Files.writeString(dir.resolve("invoice.legacy_paid.v1.json"), CatalogFiles.legacyInvoice());
        Files.writeString(dir.resolve("README.txt"), "Not a type file: ignored.");
        registry.add("webhooks.catalog", dir::toString);
    }

    @Test
    void theApiListsEveryTypeWithItsVersionSourceAndDeprecationForBothKindsOfKey() {
        ApiClient api = api();
        String key = api.createAccount(ADMIN_KEY, "Catalog Co").text("api_key");
        for (String bearer : List.of(ADMIN_KEY, key)) {
            JsonNode list = ApiClient.expect(200, api.get("/api/v1/webhooks/event-types", bearer))
                    .json()
                    .get("data");
            List<String> entries = new ArrayList<>();
            list.forEach(t -> entries.add(
                    t.get("name").asString() + "@" + t.get("version").asInt() + " "
                            + t.get("source").asString() + (t.get("deprecated").asBoolean() ? " deprecated" : "")));
            assertThat(entries)
                    .contains(
                            "test.submitted@1 built_in",
                            "webhook.test@1 built_in",
                            "invoice.legacy_paid@1 file:invoice.legacy_paid.v1.json deprecated",
                            "order.shipped@1 file:order.shipped.v1.json",
                            "order.shipped@2 file:order.shipped.v2.json");
        }
    }

    @Test
    void publishingValidatesAgainstTheLatestVersion() {
        ApiClient api = api();
        String accountId = api.createAccount(ADMIN_KEY, "Shipping Co").text("id");
        // Version 1 data lacks the carrier that version 2 requires.
        ProblemAssertions.assertProblem(
                api.post(
                        "/api/v1/events",
                        ADMIN_KEY,
                        "{\"account_id\":\"" + accountId
                                + "\",\"type\":\"order.shipped\",\"data\":{\"order_id\":\"ord_1\"}}"),
                400,
                "invalid_event_data",
                "data.carrier");
        api.publish(ADMIN_KEY, accountId, "order.shipped", "{\"order_id\":\"ord_1\",\"carrier\":\"DHL\"}");
    }

    @Test
    void aDeprecatedTypeIsStillDelivered() {
        try (TestReceiver receiver = TestReceiver.start()) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Legacy Co");
            ApiClient.expect(201, api.createEndpoint(account.text("api_key"), receiver.url(), "invoice.legacy_paid"));
            api.publish(ADMIN_KEY, account.text("id"), "invoice.legacy_paid", "{\"invoice_id\":\"inv_9\"}");
            TestReceiver.Received received = receiver.awaitCount(1, WAIT).getFirst();
            assertThat(received.header("X-SmartComply-Event-Type")).isEqualTo("invoice.legacy_paid");
        }
    }

    @Test
    void theDashboardCatalogMarksDeprecatedTypesAndShowsVersions() throws Exception {
        String key = api().createAccount(ADMIN_KEY, "Dashboard Co").text("api_key");
        String session = sessions.signIn(key).orElseThrow().token();
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api().baseUrl() + "/dashboard/event-types"))
                                .header("Cookie", "sc_dashboard=" + session)
                                .timeout(WAIT)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String legacy = section(page.body(), "invoice.legacy_paid");
        assertThat(legacy).contains("Deprecated").contains("invoice.legacy_paid.v1.json");
        String shipped = section(page.body(), "order.shipped");
        assertThat(shipped).contains("Version 2").doesNotContain("Deprecated");
        assertThat(section(page.body(), "test.submitted")).doesNotContain("Deprecated");
    }

    @Test
    void anUnknownEventTypeFilterIsRefused() {
        ApiClient api = api();
        ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Filter Co");
        String key = account.text("api_key");
        String endpointId =
                api.createEndpoint(key, "http://127.0.0.1:9/hook", "*").text("id");
        ProblemAssertions.assertProblem(
                api.get("/api/v1/webhooks/deliveries?event_type=test.submited", key),
                400,
                "unknown_event_type",
                "event_type");
        ProblemAssertions.assertProblem(
                api.get("/api/v1/webhooks/endpoints/" + endpointId + "/deliveries?event_type=nope", key),
                400,
                "unknown_event_type",
                "event_type");
        ApiClient.expect(200, api.get("/api/v1/webhooks/deliveries?event_type=order.shipped", key));
        ApiClient.expect(200, api.get("/api/v1/webhooks/deliveries?event_type=test.submitted", key));
    }

    /** The page's article for one type, from its id to the end of the article. */
    private static String section(String html, String type) {
        int start = html.indexOf("<article class=\"card event-type\" id=\"" + type + "\"");
        assertThat(start).as("article of %s", type).isNotNegative();
        return html.substring(start, html.indexOf("</article>", start));
    }
}
