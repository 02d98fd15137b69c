package app.smartcomply.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.Browser;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in the mode of the key that signed in: a session opened with a {@code sc_test_} key
 * says TEST MODE on every page, marks its endpoints and deliveries as test data and shows nothing
 * live; a live session shows no test data and no test-mode marker until its person switches to test
 * data, and back — a test session can never switch to live data.
 */
class TestModeDashboardTest extends WebhooksAppTest {

    private static final String HOME = "/dashboard/settings/webhooks";

    private TestReceiver receiver;
    private String testKey;
    private String liveSession;
    private String testSession;
    private String liveEndpoint;
    private String testEndpoint;
    private String testDelivery;

    @BeforeEach
    void anEndpointAndADeliveryInEachMode() {
        receiver = TestReceiver.start();
        TestAccount account = TestAccount.create(api(), "Dashboard modes");
        testKey = ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\"}"))
                .text("api_key");
        liveEndpoint = api().createEndpoint(account.apiKey(), receiver.url("/live-hook"), "*")
                .text("id");
        testEndpoint =
                api().createEndpoint(testKey, receiver.url("/test-hook"), "*").text("id");
        String event = ApiClient.expect(
                        202, api().post("/api/v1/webhooks/endpoints/" + testEndpoint + "/test", testKey, null))
                .text("id");
        testDelivery = new DeliveryLogApi(api(), testKey).idOf(event, testEndpoint);
        receiver.awaitCount(1, Duration.ofSeconds(20));
        liveSession = dashboard().session(account.apiKey());
        testSession = dashboard().session(testKey);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private DashboardClient dashboard() {
        return DashboardClient.onPort(port);
    }

    @Test
    void aTestKeysSessionSaysTestModeOnEveryPageAndShowsTestDataOnly() {
        for (String page : new String[] {
            HOME,
            HOME + "/" + testEndpoint,
            "/dashboard/deliveries/" + testDelivery,
            "/dashboard/settings/api-keys",
            "/dashboard/event-types"
        }) {
            HttpResponse<String> answer = dashboard().get(page, testSession);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body())
                    .as(page)
                    .contains("id=\"test-mode-banner\"", "TEST MODE", "id=\"test-mode-flag\"");
        }
        String list = dashboard().get(HOME, testSession).body();
        assertThat(list).contains(receiver.url("/test-hook"), "badge-test").doesNotContain(receiver.url("/live-hook"));
        assertThat(dashboard().get(HOME + "/" + testEndpoint, testSession).body())
                .contains("badge-test");
        assertThat(dashboard()
                        .get(HOME + "/" + testEndpoint + "/log", testSession)
                        .body())
                .contains(testDelivery, "badge-test");
        assertThat(dashboard()
                        .get(HOME + "/" + testEndpoint + "/failed", testSession)
                        .body())
                .contains("badge-test");
        assertThat(dashboard()
                        .get("/dashboard/deliveries/" + testDelivery, testSession)
                        .body())
                .contains("badge-test");
        assertThat(dashboard().get(HOME + "/" + liveEndpoint, testSession).statusCode())
                .isEqualTo(404);
    }

    /** The marker as a person sees it: in a real browser, visible, in the header and above the page. */
    @Test
    void inABrowserATestSessionShowsTheTestModeBannerAndTheTestBadge() {
        try (Browser browser = Browser.start(api().baseUrl(), "testModeBanner")) {
            browser.open("/dashboard/sign-in");
            browser.type("#api_key", testKey).click("button[type=submit]");

            assertThat(browser.path()).as(browser::pageText).isEqualTo(HOME);
            assertThat(browser.find("#test-mode-banner").isDisplayed()).isTrue();
            assertThat(browser.text("#test-mode-banner")).contains("TEST MODE");
            assertThat(browser.text("#test-mode-flag")).isEqualToIgnoringCase("Test mode");
            assertThat(browser.findAll(".badge-test")).hasSize(1).allMatch(WebElement::isDisplayed);
            assertThat(browser.pageText())
                    .contains(receiver.url("/test-hook"))
                    .doesNotContain(receiver.url("/live-hook"));
            browser.screenshot("webhooks-test-mode");
        }
    }

    @Test
    void aLiveKeysSessionShowsNoTestDataAndNoTestModeMarker() {
        String list = dashboard().get(HOME, liveSession).body();
        assertThat(list)
                .contains(receiver.url("/live-hook"))
                .doesNotContain(receiver.url("/test-hook"), "test-mode-banner", "test-mode-flag", "badge-test");
        assertThat(dashboard().get(HOME + "/" + liveEndpoint, liveSession).body())
                .doesNotContain("badge-test");
        for (String page : new String[] {
            HOME + "/" + testEndpoint,
            HOME + "/" + testEndpoint + "/log",
            HOME + "/" + testEndpoint + "/failed",
            HOME + "/" + testEndpoint + "/edit"
        }) {
            assertThat(dashboard().get(page, liveSession).statusCode()).as(page).isEqualTo(404);
        }
        assertThat(dashboard()
                        .get("/dashboard/deliveries/" + testDelivery, liveSession)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aLiveSessionSwitchesToTestDataAndBackButATestSessionCannotSeeLiveData() {
        HttpResponse<String> toTest = dashboard()
                .post(
                        "/dashboard/mode",
                        liveSession,
                        java.util.Map.of("mode", "test", "_csrf", dashboard().csrf(liveSession)));
        assertThat(toTest.statusCode()).isEqualTo(303);
        String view = DashboardClient.cookie(toTest, "sc_dashboard_view");
        assertThat(view).isEqualTo("test");
        assertThat(DashboardClient.setCookie(toTest, "sc_dashboard_view").orElseThrow())
                .contains("HttpOnly", "Path=/dashboard");

        String testView = dashboard().get(HOME, withView(liveSession, view)).body();
        assertThat(testView)
                .contains(receiver.url("/test-hook"), "badge-test", "id=\"test-mode-banner\"", "id=\"mode-switch\"")
                .doesNotContain(receiver.url("/live-hook"));
        assertThat(dashboard()
                        .get(HOME + "/" + liveEndpoint, withView(liveSession, view))
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> toLive = dashboard()
                .post(
                        "/dashboard/mode",
                        withView(liveSession, view),
                        java.util.Map.of("mode", "live", "_csrf", dashboard().csrf(liveSession)));
        assertThat(toLive.statusCode()).isEqualTo(303);
        assertThat(DashboardClient.setCookie(toLive, "sc_dashboard_view").orElseThrow())
                .contains("Max-Age=0");
        assertThat(dashboard().get(HOME, liveSession).body())
                .contains(receiver.url("/live-hook"), "id=\"mode-switch\"")
                .doesNotContain(receiver.url("/test-hook"));

        // A test key's session: no switch offered, the request refused, a forged view cookie ignored.
        assertThat(dashboard().get(HOME, testSession).body()).doesNotContain("id=\"mode-switch\"");
        HttpResponse<String> refused = dashboard()
                .post(
                        "/dashboard/mode",
                        testSession,
                        java.util.Map.of("mode", "live", "_csrf", dashboard().csrf(testSession)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(DashboardClient.cookie(refused, "sc_dashboard_view")).isNull();
        String forged = dashboard().get(HOME, withView(testSession, "live")).body();
        assertThat(forged).contains(receiver.url("/test-hook")).doesNotContain(receiver.url("/live-hook"));
    }

    /** The session cookie with the view cookie beside it, as a browser would send both. */
    private static String withView(String session, String view) {
        return session + "; sc_dashboard_view=" + view;
    }
}
