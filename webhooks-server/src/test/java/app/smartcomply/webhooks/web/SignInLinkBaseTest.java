package app.smartcomply.webhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Where a dashboard sign-in link points: {@code webhooks.public-url} when set; otherwise the
 * address the request came to, as a trusted proxy describes it.
 */
class SignInLinkBaseTest {

    @Nested
    @TestPropertySource(properties = "webhooks.public-url=https://webhooks.example.com/")
    class Configured extends WebhooksAppTest {
        @Test
        void theConfiguredAddressIsTheBase() {
            TestAccount account = TestAccount.create(api(), "Configured");
            String url = ApiClient.expect(
                            201,
                            api().post("/api/v1/accounts/" + account.id() + "/dashboard-sessions", ADMIN_KEY, null))
                    .text("url");
            assertThat(url).matches("https://webhooks\\.example\\.com/dashboard/sign-in/l1\\.[A-Za-z0-9_-]{43}");
        }
    }

    @Nested
    @TestPropertySource(properties = "webhooks.trusted-proxies=127.0.0.1")
    class BehindATrustedProxy extends WebhooksAppTest {
        @Test
        void theSchemeTheProxySaysIsTheBase() {
            TestAccount account = TestAccount.create(api(), "Proxied");
            String url = ApiClient.expect(
                            201,
                            api().send(
                                            "POST",
                                            "/api/v1/accounts/" + account.id() + "/dashboard-sessions",
                                            ADMIN_KEY,
                                            null,
                                            Map.of("X-Forwarded-Proto", "https")))
                    .text("url");
            assertThat(url).startsWith("https://127.0.0.1/dashboard/sign-in/l1.");
        }
    }
}
