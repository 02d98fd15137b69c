package app.smartcomply.webhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The limits on what a request may make the service read, with their defaults: 8 KB of request
 * line and headers everywhere, 64 KB for a dashboard form (API bodies: see RequestValidationTest).
 */
class RequestSizeLimitsTest extends WebhooksAppTest {

    @Test
    void requestHeadersOver8KbAreRefusedAndSmallerOnesAreRead() {
        TestAccount account = TestAccount.create(api(), "Headers");
        ApiClient.Answer within = api().send(
                        "GET",
                        "/api/v1/webhooks/endpoints",
                        account.apiKey(),
                        null,
                        Map.of("X-Padding", "p".repeat(7 * 1024)));
        assertThat(within.status()).isEqualTo(200);

        ApiClient.Answer over = api().send(
                        "GET",
                        "/api/v1/webhooks/endpoints",
                        account.apiKey(),
                        null,
                        Map.of("X-Padding", "p".repeat(9 * 1024)));
        assertThat(over.status()).as(over.body()).isEqualTo(400);
        ApiClient.Answer dashboard =
                api().send("GET", "/dashboard/sign-in", null, null, Map.of("X-Padding", "p".repeat(9 * 1024)));
        assertThat(dashboard.status()).as(dashboard.body()).isEqualTo(400);
    }

    @Test
    void aDashboardFormOver64KbIsNotRead() {
        TestAccount account = TestAccount.create(api(), "Forms");
        DashboardClient dashboard = DashboardClient.onPort(port);
        // The key is read from a form of just under 64 KB…
        HttpResponse<String> within = dashboard.signIn(account.apiKey(), Map.of("X-Form-Padding", "x"));
        assertThat(within.statusCode()).isEqualTo(302);
        HttpResponse<String> padded = dashboard.signInWithPadding(account.apiKey(), 60 * 1024);
        assertThat(padded.statusCode()).as(padded.body()).isEqualTo(302);

        // …and not from one over it: the form is refused unread, nobody is signed in.
        HttpResponse<String> over = dashboard.signInWithPadding(account.apiKey(), 70 * 1024);
        assertThat(over.statusCode()).as(over.body()).isEqualTo(413);
        assertThat(over.body()).contains("That form could not be read");
        assertThat(DashboardClient.cookie(over, "sc_dashboard")).isNull();
    }
}
