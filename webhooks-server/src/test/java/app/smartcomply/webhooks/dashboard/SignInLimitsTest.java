package app.smartcomply.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed dashboard sign-ins are limited per client address and per key prefix (the first 12
 * characters typed), so neither one address trying many keys nor many addresses trying one key
 * get far. 3 per 5 minutes here (one more every 100 s); the service trusts 127.0.0.1 as its proxy,
 * other loopback addresses are clients of their own.
 */
@TestPropertySource(
        properties = {
            "webhooks.limits.sign-in.requests=3",
            "webhooks.limits.sign-in.per=5m",
            "webhooks.trusted-proxies=127.0.0.1"
        })
class SignInLimitsTest extends WebhooksAppTest {

    @Test
    void anAddressThatFailedTooOftenIsRefusedEvenWithTheRightKeyUntilTimeHasPassed() {
        TestAccount account = TestAccount.create(api(), "Per address");
        DashboardClient guesser = DashboardClient.onPortFrom(port, "127.0.0.2");
        for (int i = 0; i < 3; i++) {
            assertThat(guesser.signIn(unrelatedKey(), Map.of()).statusCode())
                    .as("guess %d", i + 1)
                    .isEqualTo(401);
        }

        HttpResponse<String> refused = guesser.signIn(account.apiKey(), Map.of());
        assertRefused(refused, "100");

        // Another address signs in with the same key.
        assertSignedIn(DashboardClient.onPortFrom(port, "127.0.0.3").signIn(account.apiKey(), Map.of()));

        clock.advance(Duration.ofSeconds(99));
        assertThat(guesser.signIn(account.apiKey(), Map.of()).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertSignedIn(guesser.signIn(account.apiKey(), Map.of()));
    }

    @Test
    void oneKeyGuessedFromManyAddressesIsRefusedByItsPrefix() {
        TestAccount account = TestAccount.create(api(), "Per prefix");
        TestAccount other = TestAccount.create(api(), "Other prefix");
        String prefix = account.apiKey().substring(0, 12);
        for (int i = 0; i < 3; i++) {
            DashboardClient address = DashboardClient.onPortFrom(port, "127.0.1." + (i + 1));
            assertThat(address.signIn(prefix + "wrong" + i, Map.of()).statusCode())
                    .as("guess %d", i + 1)
                    .isEqualTo(401);
        }

        DashboardClient fresh = DashboardClient.onPortFrom(port, "127.0.1.9");
        assertRefused(fresh.signIn(account.apiKey(), Map.of()), "100");
        // That address itself failed nothing: another key from it gets in.
        assertSignedIn(fresh.signIn(other.apiKey(), Map.of()));

        clock.advance(Duration.ofSeconds(100));
        assertSignedIn(fresh.signIn(account.apiKey(), Map.of()));
    }

    @Test
    void behindTheTrustedProxyEachForwardedClientCountsOnItsOwnAndOthersCannotForgeOne() {
        TestAccount account = TestAccount.create(api(), "Behind proxy");
        DashboardClient proxy = DashboardClient.onPort(port);
        Map<String, String> client = Map.of("X-Forwarded-For", "198.51.100.7");
        for (int i = 0; i < 3; i++) {
            assertThat(proxy.signIn(unrelatedKey(), client).statusCode()).isEqualTo(401);
        }
        assertRefused(proxy.signIn(account.apiKey(), client), "100");
        assertSignedIn(proxy.signIn(account.apiKey(), Map.of("X-Forwarded-For", "198.51.100.8")));

        // A client that is no proxy cannot start afresh by claiming to forward for someone else.
        DashboardClient direct = DashboardClient.onPortFrom(port, "127.0.0.4");
        for (int i = 0; i < 3; i++) {
            assertThat(direct.signIn(unrelatedKey(), Map.of("X-Forwarded-For", "203.0.113." + i))
                            .statusCode())
                    .isEqualTo(401);
        }
        assertRefused(direct.signIn(account.apiKey(), Map.of("X-Forwarded-For", "203.0.113.99")), "100");
    }

    private static void assertRefused(HttpResponse<String> answer, String retryAfter) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue(retryAfter);
        assertThat(answer.body())
                .contains("Too many failed sign-ins")
                .contains("Try again in " + retryAfter + " seconds");
        assertThat(DashboardClient.cookie(answer, "sc_dashboard")).isNull();
    }

    private static void assertSignedIn(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        assertThat(DashboardClient.cookie(answer, "sc_dashboard")).isNotBlank();
    }

    /** A wrong key whose first 12 characters match no real key's. */
    private static String unrelatedKey() {
        return "sc_live_" + UUID.randomUUID().toString().replace("-", "");
    }
}
