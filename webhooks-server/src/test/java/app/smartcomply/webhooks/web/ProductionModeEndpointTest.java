package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as {@code ./webhooks serve} runs it (no {@code --dev}): endpoint URLs must be
 * {@code https://} to a public host, and every spelling of a local address is refused when the
 * endpoint is saved — on create and on PATCH.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionModeEndpointTest extends WebhooksAppTest {

    @DynamicPropertySource
    static void productionMode(DynamicPropertyRegistry registry) {
        registry.add("webhooks.dev-mode", () -> "false");
    }

    private TestAccount account;
    private String endpointId;

    @BeforeAll
    void anAccountWithAPublicEndpoint() {
        account = TestAccount.create(api(), "Production");
        endpointId = api().createEndpoint(account.apiKey(), "https://example.com/hooks", "*")
                .text("id");
    }

    private ApiClient.Answer create(String url) {
        return api().post(
                        "/api/v1/webhooks/endpoints", account.apiKey(), "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");
    }

    @Test
    void plainHttpIsRefused() {
        assertProblem(create("http://example.com/hooks"), 400, "url_scheme_not_allowed", "url");
        assertProblem(
                api().patch(
                                "/api/v1/webhooks/endpoints/" + endpointId,
                                account.apiKey(),
                                "{\"url\":\"http://example.com/hooks\"}"),
                400,
                "url_scheme_not_allowed",
                "url");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hooks",
                "https://10.0.0.1/hooks",
                "https://172.16.5.4/hooks",
                "https://192.168.1.1/hooks",
                "https://100.64.0.1/hooks",
                "https://169.254.169.254/latest/meta-data/",
                "https://0.0.0.0/",
                "https://[::1]/hooks",
                "https://[fd00::1]/hooks",
                "https://2130706433/hooks",
                "https://0177.0.0.1/hooks",
                "https://0x7f.1/hooks",
                "https://127.1/hooks",
                "https://[::ffff:127.0.0.1]/hooks",
                "https://[::ffff:a9fe:a9fe]/hooks",
                "https://localhost/hooks",
                "https://LOCALHOST./hooks",
                "https://api.localhost/hooks",
                "https://metadata.google.internal/computeMetadata/v1/",
                "https://intranet/hooks"
            })
    void localAndPrivateTargetsAreRefusedBySsrfGuard(String url) {
        ApiClient.Answer answer = create(url);

        assertProblem(answer, 400, "url_host_not_allowed", "url");
        assertThat(answer.text("detail")).contains("publicly reachable");
        ApiClient.Answer patched =
                api().patch("/api/v1/webhooks/endpoints/" + endpointId, account.apiKey(), "{\"url\":\"" + url + "\"}");
        assertProblem(patched, 400, "url_host_not_allowed", "url");
    }

    @Test
    void aPublicHttpsUrlIsAcceptedAndNormalized() {
        ApiClient.Answer created = ApiClient.expect(201, create("HTTPS://Example.COM:443/Hooks?x=1"));

        assertThat(created.text("url")).isEqualTo("https://example.com/Hooks?x=1");
        ApiClient.Answer secondPublic = ApiClient.expect(201, create("https://93.184.215.14:8443/hooks"));
        assertThat(secondPublic.text("url")).isEqualTo("https://93.184.215.14:8443/hooks");
        ApiClient.Answer unchanged =
                ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + endpointId, account.apiKey()));
        assertThat(unchanged.text("url")).isEqualTo("https://example.com/hooks");
    }
}
