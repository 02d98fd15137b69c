package app.smartcomply.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.signature.SignatureVerificationException;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.Browser;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;

/**
 * "Check my endpoint" in a real headless Chromium: the button on the endpoint page leads to the
 * check's page, which updates itself until the check completes and then shows every case, with the
 * advice for each failure. Real receivers on loopback: one that verifies signatures with {@code
 * webhooks-signature}, one that answers 200 to everything.
 */
class EndpointCheckBrowserTest extends WebhooksAppTest {

    private Browser browser;
    private TestReceiver careless;
    private TestReceiver careful;

    @BeforeEach
    void startBrowser(TestInfo test) {
        careless = TestReceiver.start();
        careful = TestReceiver.start();
        browser = Browser.start(
                api().baseUrl(), test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        careless.close();
        careful.close();
    }

    @Test
    void checkMyEndpointShowsEachCaseAndHowToFixTheFailedOnes() {
        String key = api().createAccount(ADMIN_KEY, "Check Ltd").text("api_key");
        String carelessId = api().createEndpoint(key, careless.url(), "*").text("id");
        ApiClient.Answer created = api().createEndpoint(key, careful.url(), "*");
        WebhookVerifier verifier = WebhookVerifier.withSecret(SigningSecret.parse(created.text("signing_secret")))
                .withClock(clock);
        careful.answering(request -> {
            try {
                verifier.verify(request.header("X-SmartComply-Signature"), request.body());
                return Reply.ok();
            } catch (SignatureVerificationException e) {
                return Reply.status(400);
            }
        });
        browser.open("/dashboard/sign-in");
        browser.type("#api_key", key).click("button[type=submit]");

        browser.open("/dashboard/settings/webhooks/" + carelessId);
        assertThat(browser.text("#endpoint-check")).contains("Check my endpoint");
        browser.click("#check-endpoint");
        assertThat(browser.path()).matches("/dashboard/settings/webhooks/" + carelessId + "/checks/chk_[0-9a-f]{32}");
        browser.await(d -> !d.findElement(By.id("check-status")).getText().startsWith("Running"));
        assertThat(browser.text("#check-status")).isEqualTo("Some cases failed");
        assertThat(browser.findAll("#check-cases tbody tr[id^=case-]")).hasSize(7);
        assertThat(browser.text("#case-forged_signature")).contains("Failed", "4xx (rejected)", "HTTP 200");
        assertThat(browser.text("#check-cases")).contains("Your receiver accepted a forged signature: verify the HMAC");
        assertThat(browser.text("#case-valid_signature")).contains("Passed");
        browser.screenshot("check-failed");

        browser.open("/dashboard/settings/webhooks/" + created.text("id"));
        browser.click("#check-endpoint");
        browser.await(d -> !d.findElement(By.id("check-status")).getText().startsWith("Running"));
        assertThat(browser.text("#check-status")).isEqualTo("All cases passed");
        assertThat(browser.findAll("#check-cases .callout")).isEmpty();
        browser.screenshot("check-passed");
    }
}
