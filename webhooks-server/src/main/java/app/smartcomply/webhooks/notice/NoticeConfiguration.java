package app.smartcomply.webhooks.notice;

import app.smartcomply.webhooks.account.AccountService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mail notices are on when {@code WEBHOOKS_SMTP_URL} is set. The mail client is no bean of its own,
 * so Spring Boot's mail health check (which would connect to the SMTP server on every health probe)
 * stays out of the way: a mail outage must not take a node out of its load balancer.
 */
@Configuration(proxyBeanMethods = false)
class NoticeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NoticeConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${webhooks.smtp.url:}'.isBlank()")
    MailOutbox mailOutbox(@Value("${webhooks.smtp.url}") String url) {
        SmtpUrl smtp = SmtpUrl.parse(url);
        log.info("Mailing endpoint notices through {}", smtp);
        return new MailOutbox(smtp.sender(), 2_000);
    }

    @Bean
    @ConditionalOnExpression("!'${webhooks.smtp.url:}'.isBlank()")
    MailNotices mailNotices(
            AccountService accounts,
            MailOutbox outbox,
            @Value("${webhooks.smtp.from:SmartComply Webhooks <webhooks@localhost>}") String from,
            @Value("${webhooks.public-url:}") String publicUrl) {
        return new MailNotices(accounts, outbox, from, publicUrl);
    }
}
