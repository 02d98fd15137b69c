package app.smartcomply.webhooks.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.signature.SigningSecret;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The start-up settings of notices: refused with a clear message, and never echoing a secret. */
class NoticeSettingsTest {

    @Test
    void anOperationsUrlNeedsAWellFormedSecret() {
        assertThatThrownBy(() -> operations("https://ops.smartcomply.example/hooks", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOKS_OPERATIONS_SECRET is not");
        assertThatThrownBy(() -> operations("https://ops.smartcomply.example/hooks", "whsec_tooshort"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOKS_OPERATIONS_SECRET is malformed")
                .message()
                .doesNotContain("tooshort");
        assertThatThrownBy(() -> operations(
                        "http://127.0.0.1:9/hooks", SigningSecret.generate().value()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOKS_OPERATIONS_URL is not usable");
    }

    private static OperationsWebhooks operations(String url, String secret) {
        // Production rules (no dev mode): a loopback URL is refused.
        return new OperationsWebhooks(url, secret, new DestinationPolicy(false), null, null, null, null, null);
    }

    @Test
    void theSmtpUrlGivesHostPortCredentialsAndTls() {
        SmtpUrl plain = SmtpUrl.parse("smtp://mailer%40acme:p%40ss+word@mail.acme.example:2525");
        assertThat(plain).isEqualTo(new SmtpUrl(false, "mail.acme.example", 2525, "mailer@acme", "p@ss+word"));
        assertThat(plain.toString()).doesNotContain("ss+word").contains("mail.acme.example:2525");
        JavaMailSenderImpl sender = plain.sender();
        Properties properties = sender.getJavaMailProperties();
        assertThat(properties.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
        assertThat(properties.getProperty("mail.smtp.auth")).isEqualTo("true");
        assertThat(properties.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
        assertThat(properties.getProperty("mail.smtp.timeout")).isEqualTo("10000");
        assertThat(properties.getProperty("mail.smtp.writetimeout")).isEqualTo("10000");

        SmtpUrl tls = SmtpUrl.parse("smtps://relay.acme.example");
        assertThat(tls).isEqualTo(new SmtpUrl(true, "relay.acme.example", 465, null, null));
        assertThat(tls.sender().getProtocol()).isEqualTo("smtps");
        assertThat(tls.sender().getJavaMailProperties().getProperty("mail.smtps.auth"))
                .isEqualTo("false");
        assertThat(tls.sender().getJavaMailProperties().getProperty("mail.smtps.timeout"))
                .isEqualTo("10000");
        assertThat(SmtpUrl.parse("smtp://relay.acme.example").port()).isEqualTo(587);
    }

    @Test
    void aBadSmtpUrlIsRefusedWithoutRepeatingIt() {
        for (String bad : new String[] {
            "http://user:hunter2@mail.acme.example",
            "smtp://user:hunter2@/",
            "smtp://user:hunter2@mail.acme.example/x",
            "smtp://user:hunter2@mail.acme.example?x=1",
            "not a url hunter2"
        }) {
            assertThatThrownBy(() -> SmtpUrl.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("WEBHOOKS_SMTP_URL is not usable")
                    .message()
                    .doesNotContain("hunter2");
        }
    }
}
