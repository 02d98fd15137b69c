package app.smartcomply.webhooks.notice;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An account's contact address hears, by mail through a real SMTP server on 127.0.0.1, when one of
 * its endpoints has failed for 24 hours and when it was disabled — once each, however many more
 * failures follow; an account without an address hears nothing. The address is set and changed by
 * the platform API.
 */
@TestPropertySource(
        properties = {
            "webhooks.delivery.pause-after-failures=0",
            "webhooks.public-url=https://webhooks.smartcomply.example"
        })
class MailNoticeTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final GreenMail SMTP = startSmtp();

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        smtp.setUser("notices", "s3cr3t+pw");
        return smtp;
    }

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add(
                "webhooks.smtp.url",
                () -> "smtp://notices:s3cr3t%2Bpw@127.0.0.1:" + SMTP.getSmtp().getPort());
        registry.add("webhooks.smtp.from", () -> "Webhooks <webhooks@smartcomply.example>");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void theContactAddressHearsOnceWhenAnEndpointHasFailedForADayAndOnceWhenItIsDisabled() throws Exception {
        try (TestReceiver failing = TestReceiver.start().answering(Reply.status(500));
                TestReceiver gone = TestReceiver.start().answering(Reply.status(410))) {
            // An account without an address: its endpoint is disabled, and nobody is mailed.
            ApiClient.Answer silent = api().createAccount(ADMIN_KEY, "Silent Co");
            String goneId = api().createEndpoint(silent.text("api_key"), gone.url(), "test.submitted")
                    .text("id");
            api().publish(ADMIN_KEY, silent.text("id"), "test.submitted", EventExamples.testSubmitted(0));
            gone.awaitCount(1, WAIT);

            // An address set after the account was made, through PATCH, is the one mailed.
            ApiClient.Answer account = ApiClient.expect(
                    201,
                    api().post(
                                    "/api/v1/accounts",
                                    ADMIN_KEY,
                                    "{\"name\":\"Loud Co\",\"email\":\"first@acme.example\"}"));
            String accountId = account.text("id");
            String key = account.text("api_key");
            assertThat(account.text("email")).isEqualTo("first@acme.example");
            ApiClient.expect(200, api().get("/api/v1/accounts/" + accountId, ADMIN_KEY)); // remembered now
            ApiClient.Answer changed = ApiClient.expect(
                    200, api().patch("/api/v1/accounts/" + accountId, ADMIN_KEY, "{\"email\":\"ops@acme.example\"}"));
            assertThat(changed.text("email")).isEqualTo("ops@acme.example");

            DeliveryLogApi log = new DeliveryLogApi(api(), key);
            String endpointId =
                    api().createEndpoint(key, failing.url(), "test.submitted").text("id");
            String first = api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(1))
                    .text("id");
            log.awaitAttempts(log.idOf(first, endpointId), 1, WAIT);

            // 23 hours of failures: no mail yet.
            for (int hour = 1; hour <= 23; hour += 11) {
                advance(Duration.ofHours(11));
                String event = api().publish(
                                ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(10 + hour))
                        .text("id");
                log.awaitAttempts(log.idOf(event, endpointId), 1, WAIT);
            }
            assertThat(SMTP.getReceivedMessages()).isEmpty();

            // Past 24 hours: one mail, and no more for the failures that follow.
            advance(Duration.ofHours(2));
            String late = api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(30))
                    .text("id");
            log.awaitAttempts(log.idOf(late, endpointId), 1, WAIT);
            assertThat(SMTP.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
            MimeMessage failingMail = SMTP.getReceivedMessages()[0];
            assertThat(failingMail.getRecipients(Message.RecipientType.TO))
                    .extracting(Object::toString)
                    .containsExactly("ops@acme.example");
            assertThat(failingMail.getFrom()[0].toString()).isEqualTo("Webhooks <webhooks@smartcomply.example>");
            assertThat(failingMail.getSubject()).isEqualTo("Your webhook endpoint has been failing for 24 hours");
            String failingBody = GreenMailUtil.getBody(failingMail);
            assertThat(failingBody)
                    .contains(
                            failing.url(),
                            "HTTP 500",
                            "https://webhooks.smartcomply.example/dashboard/settings/webhooks/" + endpointId);
            for (int n = 0; n < 3; n++) {
                advance(Duration.ofHours(12));
                String event = api().publish(
                                ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(40 + n))
                        .text("id");
                log.awaitAttempts(log.idOf(event, endpointId), 1, WAIT);
            }

            // Five days after the first failure it is disabled: one more mail, with reason, error and link.
            advance(Duration.ofDays(4));
            api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(50));
            assertThat(SMTP.waitForIncomingEmail(WAIT.toMillis(), 2)).isTrue();
            MimeMessage disabledMail = SMTP.getReceivedMessages()[1];
            assertThat(disabledMail.getRecipients(Message.RecipientType.TO))
                    .extracting(Object::toString)
                    .containsExactly("ops@acme.example");
            assertThat(disabledMail.getSubject()).isEqualTo("Your webhook endpoint was disabled");
            assertThat(GreenMailUtil.getBody(disabledMail))
                    .contains(
                            "No successful delivery for 5 days",
                            "HTTP 500",
                            failing.url(),
                            "https://webhooks.smartcomply.example/dashboard/settings/webhooks/" + endpointId);

            // Retries still in flight when it was disabled, and time passing, mail nothing more.
            advance(Duration.ofDays(1));
            api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(60));
            assertThat(SMTP.waitForIncomingEmail(1_000, 3)).isFalse();
            assertThat(SMTP.getReceivedMessages()).hasSize(2);
            assertThat(api().get("/api/v1/webhooks/endpoints/" + goneId, silent.text("api_key"))
                            .json()
                            .get("status")
                            .asString())
                    .as("the silent account's endpoint was disabled")
                    .isEqualTo("disabled");
        }
    }

    @Test
    void theSignedInCustomerSetsTheContactAddressInAccountSettings() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Dashboard Co");
        DashboardClient dashboard = DashboardClient.onPort(port);
        String session = dashboard.session(account.text("api_key"));
        String csrf = dashboard.csrf(session);

        HttpResponse<String> page = dashboard.get("/dashboard/settings/account", session);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Dashboard Co", "id=\"email\"");

        HttpResponse<String> refused = dashboard.post(
                "/dashboard/settings/account",
                session,
                Map.of("_csrf", csrf, "email", "ops@acme.example\r\nBcc: x@evil.example"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"email-error\"");
        assertThat(ApiClient.expect(200, api().get("/api/v1/accounts/" + account.text("id"), ADMIN_KEY))
                        .json()
                        .get("email")
                        .isNull())
                .isTrue();

        HttpResponse<String> saved = dashboard.post(
                "/dashboard/settings/account", session, Map.of("_csrf", csrf, "email", " billing@dashboard.example "));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(ApiClient.expect(200, api().get("/api/v1/accounts/" + account.text("id"), ADMIN_KEY))
                        .text("email"))
                .isEqualTo("billing@dashboard.example");
        assertThat(dashboard.get("/dashboard/settings/account", session).body()).contains("billing@dashboard.example");
        JsonNode audited = ApiClient.expect(
                        200,
                        api().get(
                                        "/api/v1/accounts/" + account.text("id") + "/audit-log?action=account.updated",
                                        ADMIN_KEY))
                .json()
                .get("data");
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).get("actor").get("type").asString()).isEqualTo("dashboard_session");
        assertThat(audited.get(0).get("changes").toString())
                .isEqualTo("[{\"field\":\"email\",\"from\":null,\"to\":\"billing@dashboard.example\"}]");

        // Without the form token nothing changes.
        assertThat(dashboard
                        .post("/dashboard/settings/account", session, Map.of("email", "x@y.example"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(dashboard
                        .post("/dashboard/settings/account", session, Map.of("_csrf", csrf, "email", ""))
                        .statusCode())
                .isEqualTo(302);
        assertThat(ApiClient.expect(200, api().get("/api/v1/accounts/" + account.text("id"), ADMIN_KEY))
                        .json()
                        .get("email")
                        .isNull())
                .isTrue();
    }

    @Test
    void theContactAddressIsValidatedAndShownToThePlatform() {
        assertProblem(
                api().post("/api/v1/accounts", ADMIN_KEY, "{\"name\":\"A\",\"email\":\"not an address\"}"),
                400,
                "invalid_email",
                "email");
        assertProblem(
                api().post(
                                "/api/v1/accounts",
                                ADMIN_KEY,
                                "{\"name\":\"A\",\"email\":\"" + "a".repeat(250) + "@b.example\"}"),
                400,
                "invalid_email",
                "email");
        assertProblem(
                api().post(
                                "/api/v1/accounts",
                                ADMIN_KEY,
                                "{\"name\":\"A\",\"email\":\"ops@acme.example\\r\\nBcc: all@evil.example\"}"),
                400,
                "invalid_email",
                "email");
        assertProblem(
                api().post("/api/v1/accounts", ADMIN_KEY, "{\"name\":\"A\",\"email\":\"Ops <ops@acme.example>\"}"),
                400,
                "invalid_email",
                "email");

        String id = api().createAccount(ADMIN_KEY, "Plain Co").text("id");
        ApiClient.Answer shown = ApiClient.expect(200, api().get("/api/v1/accounts/" + id, ADMIN_KEY));
        assertThat(shown.text("name")).isEqualTo("Plain Co");
        assertThat(shown.json().get("email").isNull()).isTrue();
        assertProblem(
                api().patch("/api/v1/accounts/" + id, ADMIN_KEY, "{\"email\":\"x@\"}"), 400, "invalid_email", "email");
        assertThat(ApiClient.expect(
                                200, api().patch("/api/v1/accounts/" + id, ADMIN_KEY, "{\"email\":\"a@b.example\"}"))
                        .text("email"))
                .isEqualTo("a@b.example");
        assertThat(ApiClient.expect(200, api().patch("/api/v1/accounts/" + id, ADMIN_KEY, "{\"email\":null}"))
                        .json()
                        .get("email")
                        .isNull())
                .isTrue();
        ApiClient.expect(200, api().patch("/api/v1/accounts/" + id, ADMIN_KEY, "{\"email\":\"\"}"));
        JsonNode audited = ApiClient.expect(
                        200, api().get("/api/v1/accounts/" + id + "/audit-log?action=account.updated", ADMIN_KEY))
                .json()
                .get("data");
        assertThat(audited)
                .as("two changes, newest first; clearing an empty address is none")
                .hasSize(2);
        assertThat(audited.get(0).get("actor").get("type").asString()).isEqualTo("platform");
        assertThat(audited.get(0).get("changes").toString())
                .isEqualTo("[{\"field\":\"email\",\"from\":\"a@b.example\",\"to\":null}]");
        assertProblem(
                api().get("/api/v1/accounts/acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30", ADMIN_KEY),
                404,
                "resource_missing",
                "id");
        assertProblem(
                api().patch(
                                "/api/v1/accounts/acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30",
                                ADMIN_KEY,
                                "{\"email\":\"a@b.example\"}"),
                404,
                "resource_missing",
                "id");
        String customerKey = api().createAccount(ADMIN_KEY, "Other Co").text("api_key");
        assertThat(api().get("/api/v1/accounts/" + id, customerKey).status()).isIn(401, 403);
    }
}
