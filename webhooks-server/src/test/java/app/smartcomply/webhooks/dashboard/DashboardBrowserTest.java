package app.smartcomply.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.Browser;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.WebElement;

/**
 * The dashboard as a customer uses it, in a real headless Chromium against the whole service and a
 * real receiver on loopback. Screenshots of every page visited land in {@code
 * target/screenshots/<test>/}.
 */
class DashboardBrowserTest extends WebhooksAppTest {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(20);

    private Browser browser;
    private TestReceiver receiver;

    @BeforeEach
    void startBrowser(TestInfo test) {
        receiver = TestReceiver.start();
        browser = Browser.start(
                api().baseUrl(), test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        receiver.close();
    }

    @Test
    void signInAddEndpointTestRotateDisableAndSignOut() {
        String key = api().createAccount(ADMIN_KEY, "Acme Compliance").text("api_key");

        browser.open("/");
        assertThat(browser.path()).startsWith("/dashboard/sign-in");
        browser.screenshot("sign-in");
        browser.type("#api_key", "sc_live_not_a_real_key").click("button[type=submit]");
        assertThat(browser.text("#api_key-error")).contains("not valid");
        assertThat(browser.find("#api_key").getAttribute("value")).isEmpty();
        browser.screenshot("sign-in-wrong-key");
        browser.type("#api_key", key).click("button[type=submit]");

        assertThat(browser.path()).as(browser::pageText).isEqualTo("/dashboard/settings/webhooks");
        assertThat(browser.text(".account-name")).isEqualTo("Acme Compliance");
        assertThat(browser.text(".empty")).contains("No endpoints yet");
        browser.screenshot("webhooks-empty");

        browser.click("#add-endpoint");
        assertThat(browser.path()).isEqualTo("/dashboard/settings/webhooks/new");
        browser.screenshot("add-endpoint");
        browser.type("#url", receiver.url())
                .click("#event-test\\.submitted")
                .click("#event-notice\\.created")
                .type("#description", "Production receiver")
                .click("#save-endpoint");

        String secret = browser.find("#signing-secret").getAttribute("value");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{32}");
        assertThat(browser.text("#secret-warning")).contains("only time the secret is shown");
        browser.click("#copy-secret");
        browser.await(d -> !browser.text("[data-copy-status]").isEmpty());
        browser.screenshot("secret-shown-once");

        browser.click("#continue");
        String endpointPath = browser.path();
        assertThat(endpointPath).matches("/dashboard/settings/webhooks/whe_[0-9a-f]{32}");
        String endpointId = endpointPath.substring(endpointPath.lastIndexOf('/') + 1);
        assertThat(browser.text("h1")).isEqualTo(receiver.url());
        assertThat(browser.text(".empty")).contains("No deliveries yet");
        browser.screenshot("endpoint-detail-new");

        // Send test event: the result must appear in the log without reloading the page.
        browser.script("window.__samePage = 'yes';");
        browser.click("#send-test");
        browser.await(
                d -> browser.findAll("#delivery-log tr[data-status=succeeded]").size() == 1);
        assertThat(browser.script("return window.__samePage;")).isEqualTo("yes");
        assertThat(browser.text("#log-notice")).contains("Test event sent");
        assertThat(browser.text("#delivery-log")).contains("webhook.test").contains("HTTP 200");
        browser.screenshot("endpoint-after-test-event");

        TestReceiver.Received test = receiver.awaitCount(1, RECEIVE_TIMEOUT).getFirst();
        assertThat(test.header("X-SmartComply-Event-Type")).isEqualTo("webhook.test");
        // The secret the page showed is the one that signs.
        WebhookVerifier.withSecret(SigningSecret.parse(secret))
                .withClock(clock)
                .verify(test.header("X-SmartComply-Signature"), test.body());

        browser.click("#delivery-log a.row-link");
        assertThat(browser.path()).matches("/dashboard/deliveries/whd_[0-9a-f]{32}");
        assertThat(browser.text("#delivery-status")).isEqualTo("Succeeded");
        assertThat(browser.text("#attempt-1 .response-status")).isEqualTo("HTTP 200");
        assertThat(browser.text("#attempt-1 .response-body")).contains("\"received\": true");
        assertThat(browser.text("#attempt-1 table[aria-label='Request headers']"))
                .contains("X-SmartComply-Signature")
                .contains(test.header("X-SmartComply-Event-Id"));
        assertThat(browser.text("#attempt-1 pre[aria-label='Request body']"))
                .contains("\"type\": \"webhook.test\"")
                .contains(test.header("X-SmartComply-Event-Id"));
        browser.screenshot("delivery-detail");
        browser.resize(Browser.PHONE);
        browser.screenshot("delivery-detail-phone");
        browser.open(endpointPath);
        browser.screenshot("endpoint-detail-phone");
        browser.open("/dashboard/settings/webhooks");
        assertThat(browser.text("table")).contains(receiver.url()).contains("100 %");
        browser.screenshot("webhooks-list-phone");
        browser.resize(Browser.DESKTOP);
        browser.screenshot("webhooks-list");

        // Rotate with a grace period: the new secret is shown once and signs from now on.
        browser.open(endpointPath).click("#rotate-secret");
        browser.screenshot("rotate-secret");
        browser.click("#grace-3600").click("#confirm-rotate");
        String newSecret = browser.find("#signing-secret").getAttribute("value");
        assertThat(newSecret).matches("whsec_[A-Za-z0-9+/]{32}").isNotEqualTo(secret);
        assertThat(browser.pageText()).contains("also carry a signature made with the previous secret");
        browser.screenshot("rotated-secret");
        browser.click("#continue").click("#send-test");
        TestReceiver.Received afterRotation =
                receiver.awaitCount(2, RECEIVE_TIMEOUT).get(1);
        String signature = afterRotation.header("X-SmartComply-Signature");
        assertThat(signature.split(",v1=")).hasSize(3);
        WebhookVerifier.withSecret(SigningSecret.parse(newSecret))
                .withClock(clock)
                .verify(signature, afterRotation.body());
        WebhookVerifier.withSecret(SigningSecret.parse(secret))
                .withClock(clock)
                .verify(signature, afterRotation.body());
        browser.await(
                d -> browser.findAll("#delivery-log tr[data-status=succeeded]").size() == 2);

        browser.click("#disable-endpoint");
        assertThat(browser.text(".notice")).contains("Endpoint disabled");
        assertThat(browser.text(".page-head .badge")).isEqualTo("Disabled");
        assertThat(browser.find("#send-test").isEnabled()).isFalse();
        assertThat(api().get("/api/v1/webhooks/endpoints/" + endpointId, key).text("status"))
                .isEqualTo("disabled");
        browser.screenshot("endpoint-disabled");

        browser.click("#sign-out");
        assertThat(browser.path()).startsWith("/dashboard/sign-in");
        assertThat(browser.text(".notice")).contains("signed out");
        assertThat(browser.cookie("sc_dashboard")).isNull();
        browser.screenshot("signed-out");
        browser.open(endpointPath);
        assertThat(browser.path()).startsWith("/dashboard/sign-in?next=");
    }

    @Test
    void invalidInputIsShownNextToTheField() {
        signIn(api().createAccount(ADMIN_KEY, "Typo Ltd").text("api_key"));
        browser.open("/dashboard/settings/webhooks/new").click("#save-endpoint");
        assertThat(browser.text("#url-error")).contains("Enter the URL");
        assertThat(browser.text("#events-error")).contains("Pick at least one event type");
        assertThat(browser.find("#url").getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("empty-form");

        browser.type("#url", "ftp://files.example.com/hook").click("#event-all").click("#save-endpoint");
        assertThat(browser.text("#url-error")).containsIgnoringCase("scheme");
        assertThat(browser.findAll("#events-error")).isEmpty();
        assertThat(browser.find("#url").getAttribute("value")).isEqualTo("ftp://files.example.com/hook");
        assertThat(browser.find("#event-all").isSelected()).isTrue();
        browser.screenshot("bad-url");

        browser.type("#url", "http://exa mple.com/hook").click("#save-endpoint");
        assertThat(browser.findAll("#url-error")).hasSize(1);
        browser.type("#url", receiver.url()).click("#save-endpoint");
        assertThat(browser.find("#signing-secret").getAttribute("value")).startsWith("whsec_");

        // Edit: the same inline errors, then the change lands.
        browser.click("#continue").click("#edit-endpoint");
        browser.type("#url", "https://exa mple.com/hook").click("#save-endpoint");
        assertThat(browser.findAll("#url-error")).hasSize(1);
        assertThat(browser.find("#url").getAttribute("value")).isEqualTo("https://exa mple.com/hook");
        browser.type("#url", receiver.url())
                .type("#description", "Staging receiver")
                .click("#event-test\\.submitted")
                .click("#save-endpoint");
        assertThat(browser.text(".notice")).contains("Changes saved");
        assertThat(browser.text(".page-head")).contains("Staging receiver");
        assertThat(browser.text("#settings-title + .facts"))
                .contains("test.submitted")
                .doesNotContain("All events");

        // Delete asks first, and "Keep it" keeps it.
        browser.click("#delete-endpoint");
        assertThat(browser.text("h1")).isEqualTo("Delete this endpoint?");
        browser.screenshot("delete-confirmation");
        browser.click("#cancel-delete");
        assertThat(browser.text("h1")).isEqualTo(receiver.url());
        browser.click("#delete-endpoint").click("#confirm-delete");
        assertThat(browser.path()).startsWith("/dashboard/settings/webhooks?notice=deleted");
        assertThat(browser.text(".notice")).contains("Endpoint deleted");
        assertThat(browser.text(".empty")).contains("No endpoints yet");
        browser.screenshot("after-delete");
    }

    @Test
    void anotherAccountsDataIsNotFound() throws Exception {
        String ownerKey = api().createAccount(ADMIN_KEY, "Owner").text("api_key");
        String theirEndpoint =
                api().createEndpoint(ownerKey, receiver.url(), "*").text("id");
        ApiClient.expect(202, api().post("/api/v1/webhooks/endpoints/" + theirEndpoint + "/test", ownerKey, null));
        receiver.awaitCount(1, RECEIVE_TIMEOUT);
        String theirDelivery = api().get("/api/v1/webhooks/endpoints/" + theirEndpoint + "/deliveries", ownerKey)
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();

        signIn(api().createAccount(ADMIN_KEY, "Someone else").text("api_key"));
        for (String path : List.of(
                "/dashboard/settings/webhooks/" + theirEndpoint,
                "/dashboard/settings/webhooks/" + theirEndpoint + "/edit",
                "/dashboard/settings/webhooks/" + theirEndpoint + "/failed",
                "/dashboard/deliveries/" + theirDelivery,
                "/dashboard/no-such-page")) {
            browser.open(path);
            assertThat(browser.text("h1")).as(path).isEqualTo("Not found");
            assertThat(get(path, browser.cookie("sc_dashboard")).statusCode())
                    .as(path)
                    .isEqualTo(404);
        }
        browser.open("/dashboard/settings/webhooks/" + theirEndpoint);
        browser.screenshot("other-accounts-endpoint");
        browser.open("/dashboard/settings/webhooks");
        assertThat(browser.pageText()).doesNotContain(receiver.url());

        // A form posted without this session's token (as another site would) changes nothing.
        HttpResponse<String> forged = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api().baseUrl() + "/dashboard/settings/webhooks"))
                                .header("Cookie", "sc_dashboard=" + browser.cookie("sc_dashboard"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "url=https%3A%2F%2Fevil.example%2Fx&events=*"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        browser.open("/dashboard/settings/webhooks");
        assertThat(browser.text(".empty")).contains("No endpoints yet");
    }

    @Test
    void failedDeliveriesAreRecoveredAndRetried() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Gone Away Inc");
        String key = account.text("api_key");
        String accountId = account.text("id");
        String endpointId =
                api().createEndpoint(key, receiver.url(), "test.submitted").text("id");
        receiver.answering(TestReceiver.Reply.status(410).withBody("gone"));
        api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(7));
        receiver.awaitCount(1, RECEIVE_TIMEOUT);

        signIn(key);
        String endpointPath = "/dashboard/settings/webhooks/" + endpointId;
        browser.open(endpointPath);
        browser.await(
                d -> browser.findAll("#delivery-log tr[data-status=failed]").size() == 1);
        assertThat(browser.text("#test-disabled-hint")).contains("disabled");
        browser.screenshot("endpoint-disabled-by-410");

        browser.click("#failed-link");
        assertThat(browser.findAll("table tbody tr")).hasSize(1);
        assertThat(browser.text("table")).contains("HTTP 410");
        assertThat(browser.find("#recover").isEnabled()).isFalse();
        browser.screenshot("failed-deliveries");

        receiver.answering(TestReceiver.Reply.ok());
        browser.open(endpointPath).click("#enable-endpoint");
        assertThat(browser.text(".notice")).contains("Endpoint enabled");
        browser.click("#failed-link").click("#recover");
        assertThat(browser.text(".notice")).contains("1 failed delivery was queued");
        receiver.awaitCount(2, RECEIVE_TIMEOUT);
        browser.screenshot("recovered");

        browser.open(endpointPath);
        browser.await(
                d -> browser.findAll("#delivery-log tr[data-status=succeeded]").size() == 1);
        browser.click("#delivery-log a.row-link");
        assertThat(browser.text("#attempt-2 .response-status")).isEqualTo("HTTP 200");
        assertThat(browser.find("#attempt-1").getAttribute("open")).isNull();
        browser.click("#attempt-1 summary");
        assertThat(browser.text("#attempt-1 .response-status")).isEqualTo("HTTP 410");
        browser.click("#retry");
        assertThat(browser.text(".notice")).contains("Retry queued");
        receiver.awaitCount(3, RECEIVE_TIMEOUT);
        browser.await(d -> browser.findAll("#attempt-3").size() == 1);
        browser.screenshot("delivery-after-retry");

        browser.open("/dashboard/event-types");
        List<WebElement> types = browser.findAll("article.event-type");
        assertThat(types).hasSizeGreaterThan(3);
        assertThat(browser.text("#test\\.submitted")).contains("\"type\": \"test.submitted\"");
        browser.screenshot("event-catalog");
    }

    @Test
    void theLogFiltersByStatusTypeAndTimeAndPages() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Busy Ltd");
        String key = account.text("api_key");
        String endpointId = api().createEndpoint(key, receiver.url(), "*").text("id");
        for (int i = 0; i < 22; i++) {
            api().publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(i));
        }
        String noticeExample = java.util.stream.StreamSupport.stream(
                        api().get("/api/v1/webhooks/event-types", key)
                                .json()
                                .get("data")
                                .spliterator(),
                        false)
                .filter(type -> type.get("name").asString().equals("notice.created"))
                .findFirst()
                .orElseThrow()
                .get("example")
                .toString();
        api().publish(ADMIN_KEY, account.text("id"), "notice.created", noticeExample);
        receiver.awaitCount(23, RECEIVE_TIMEOUT);

        signIn(key);
        String endpointPath = "/dashboard/settings/webhooks/" + endpointId;
        browser.open(endpointPath);
        browser.await(
                d -> browser.findAll("#delivery-log tr[data-status=succeeded]").size() == 20);
        assertThat(browser.text("#delivery-log tbody tr")).contains("notice.created");
        browser.click("#older-deliveries");
        assertThat(browser.findAll("#delivery-log tbody tr")).hasSize(3);
        assertThat(browser.text("#delivery-log")).doesNotContain("notice.created");
        browser.screenshot("log-older-page");

        browser.open(endpointPath);
        new org.openqa.selenium.support.ui.Select(browser.find("#filter-type")).selectByValue("notice.created");
        browser.click("#apply-filters");
        assertThat(browser.path()).contains("type=notice.created");
        assertThat(browser.findAll("#delivery-log tbody tr")).hasSize(1);
        browser.screenshot("log-filtered-by-type");

        new org.openqa.selenium.support.ui.Select(browser.find("#filter-type")).selectByValue("");
        new org.openqa.selenium.support.ui.Select(browser.find("#filter-status")).selectByValue("failed");
        browser.click("#apply-filters");
        assertThat(browser.text("#delivery-log")).contains("No deliveries match");
        browser.screenshot("log-no-match");

        clock.advance(Duration.ofHours(2));
        browser.open(endpointPath + "?range=1h");
        assertThat(browser.text("#delivery-log")).contains("No deliveries match");
        browser.open(endpointPath + "?range=24h");
        assertThat(browser.findAll("#delivery-log tbody tr")).hasSize(20);
        assertThat(browser.find("#filter-range").getAttribute("value")).isEqualTo("24h");
    }

    @Test
    void apiKeysAreCreatedShownOnceRolledAndRevoked() {
        String key = api().createAccount(ADMIN_KEY, "Key Keepers").text("api_key");
        signIn(key);
        browser.click("#nav-api-keys");
        assertThat(browser.path()).isEqualTo("/dashboard/settings/api-keys");
        assertThat(browser.findAll("#api-keys tbody tr")).hasSize(1);
        assertThat(browser.text("#api-keys"))
                .contains(key.substring(0, 12))
                .contains("The key you signed in with")
                .doesNotContain(key);

        browser.type("#key-name", "CI reader").click("#scope-read_only").click("#create-key");
        String readOnly = browser.find("#new-api-key").getAttribute("value");
        assertThat(readOnly).matches("sc_live_[0-9a-f]{40}");
        assertThat(browser.text("#key-warning")).contains("only time the key is shown");
        browser.screenshot("api-key-shown-once");
        ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints", readOnly));
        assertThat(api().post("/api/v1/webhooks/endpoints", readOnly, "{}").text("code"))
                .isEqualTo("insufficient_scope");

        browser.click("#continue");
        String readOnlyId = api().get("/api/v1/api-keys", key)
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
        assertThat(browser.text("#key-" + readOnlyId))
                .contains("CI reader")
                .contains("Read only")
                .doesNotContain(readOnly);
        browser.screenshot("api-keys");

        browser.click("#roll-" + readOnlyId).click("#expires-0").click("#confirm-roll");
        String rolled = browser.find("#new-api-key").getAttribute("value");
        assertThat(rolled).matches("sc_live_[0-9a-f]{40}").isNotEqualTo(readOnly);
        assertThat(browser.pageText()).contains("stopped working immediately");
        assertThat(api().get("/api/v1/webhooks/endpoints", readOnly).text("code"))
                .isEqualTo("api_key_expired");
        ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints", rolled));

        browser.click("#continue");
        String rolledId = api().get("/api/v1/api-keys", key)
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
        browser.click("#revoke-" + rolledId);
        assertThat(browser.text(".notice")).contains("API key revoked");
        assertThat(browser.find("#key-" + rolledId).getAttribute("data-status")).isEqualTo("revoked");
        assertThat(api().get("/api/v1/webhooks/endpoints", rolled).text("code")).isEqualTo("api_key_revoked");

        // A read-only key's session sees the page without its forms, and a form posted anyway changes nothing.
        String viewerKey = ApiClient.expect(201, api().post("/api/v1/api-keys", key, "{\"scope\":\"read_only\"}"))
                .text("api_key");
        browser.click("#sign-out");
        signIn(viewerKey);
        browser.open("/dashboard/settings/api-keys");
        assertThat(browser.text("#read-only-hint")).contains("read-only key");
        assertThat(browser.findAll("#create-key")).isEmpty();
        browser.screenshot("api-keys-read-only");
        DashboardClient http = DashboardClient.onPort(port);
        String session = browser.cookie("sc_dashboard");
        HttpResponse<String> refused =
                http.post("/dashboard/settings/api-keys", session, Map.of("_csrf", http.csrf(session)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("read-only key");
        assertThat(api().get("/api/v1/api-keys", key).json().get("data")).hasSize(4);
    }

    private void signIn(String key) {
        browser.open("/dashboard/sign-in").type("#api_key", key).click("button[type=submit]");
        assertThat(browser.path()).isEqualTo("/dashboard/settings/webhooks");
    }

    private HttpResponse<String> get(String path, String sessionCookie) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api().baseUrl() + path))
                                .header("Cookie", "sc_dashboard=" + sessionCookie)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
