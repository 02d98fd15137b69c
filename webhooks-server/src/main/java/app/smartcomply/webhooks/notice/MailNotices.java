package app.smartcomply.webhooks.notice;

import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.store.AfterCommit;
import java.time.Instant;
import org.springframework.mail.SimpleMailMessage;

/**
 * Mails an account's contact address when one of its endpoints has failed for {@link
 * EndpointNotices#FAILING_NOTICE_AFTER} or was disabled — once the recording that decided it has
 * committed, through the {@link MailOutbox}. Accounts without an address get nothing.
 */
final class MailNotices implements NoticeChannel {

    private final AccountService accounts;
    private final MailOutbox outbox;
    private final String from;
    private final String publicUrl;

    /** @param publicUrl where the dashboard is reached ({@code WEBHOOKS_PUBLIC_URL}); empty for links without a host */
    MailNotices(AccountService accounts, MailOutbox outbox, String from, String publicUrl) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.from = from;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public void endpoint(EndpointNotice notice) {
        if (notice.kind() == EndpointNotice.Kind.RECOVERED) {
            return;
        }
        accounts.contactEmail(notice.accountId()).ifPresent(to -> {
            SimpleMailMessage message = message(notice);
            message.setFrom(from);
            message.setTo(to);
            AfterCommit.run(() -> outbox.submit(message));
        });
    }

    private SimpleMailMessage message(EndpointNotice notice) {
        String link = publicUrl + "/dashboard/settings/webhooks/" + notice.endpointId();
        String since = notice.failingSince() == null
                ? ""
                : " (failing since " + Instant.ofEpochMilli(notice.failingSince()) + ")";
        StringBuilder body = new StringBuilder();
        SimpleMailMessage message = new SimpleMailMessage();
        if (notice.kind() == EndpointNotice.Kind.DISABLED) {
            message.setSubject("Your webhook endpoint was disabled");
            body.append("SmartComply Webhooks disabled your endpoint ")
                    .append(notice.url())
                    .append(".\n\n")
                    .append("Reason: ")
                    .append(notice.reason())
                    .append('\n');
        } else {
            message.setSubject("Your webhook endpoint has been failing for 24 hours");
            body.append("Every delivery to your endpoint ")
                    .append(notice.url())
                    .append(" has failed for 24 hours")
                    .append(since)
                    .append(".\n\n")
                    .append("If it keeps failing, it will be disabled and stop receiving events.\n");
        }
        if (notice.lastError() != null) {
            body.append("Last error: ").append(notice.lastError()).append('\n');
        }
        body.append("\nSee its deliveries, and enable it again once it is fixed, in the dashboard:\n")
                .append(link)
                .append("\n\nEndpoint: ")
                .append(notice.endpointId())
                .append('\n');
        message.setText(body.toString());
        return message;
    }
}
