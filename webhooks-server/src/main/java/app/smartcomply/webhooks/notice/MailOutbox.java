package app.smartcomply.webhooks.notice;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends mail on one thread of its own, never on the caller's: an SMTP server that is slow or down
 * holds up nothing but this queue. At most {@value #CAPACITY} messages wait; past that a message is
 * dropped and logged. A message that cannot be sent is tried {@value #TRIES} times, a little
 * further apart each time, then dropped and logged (recipient and subject, never the server's
 * password, which is in none of the exceptions' messages Spring's mail sender makes).
 */
final class MailOutbox implements AutoCloseable {

    static final int CAPACITY = 1_000;
    static final int TRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

    private final JavaMailSender sender;
    private final long firstBackoffMs;
    private final ThreadPoolExecutor executor;

    MailOutbox(JavaMailSender sender, long firstBackoffMs) {
        this.sender = sender;
        this.firstBackoffMs = firstBackoffMs;
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(CAPACITY),
                Thread.ofPlatform().name("mail-outbox").daemon(true).factory());
    }

    /** Queues the message; returns at once. */
    void submit(SimpleMailMessage message) {
        try {
            executor.execute(() -> send(message));
        } catch (RejectedExecutionException e) {
            log.warn(
                    "Mail queue full ({} waiting): notice '{}' to {} dropped",
                    CAPACITY,
                    message.getSubject(),
                    String.join(",", message.getTo()));
        }
    }

    private void send(SimpleMailMessage message) {
        for (int attempt = 1; ; attempt++) {
            try {
                sender.send(message);
                return;
            } catch (MailException e) {
                if (attempt == TRIES) {
                    log.warn(
                            "Could not send notice '{}' to {} after {} tries: {}",
                            message.getSubject(),
                            String.join(",", message.getTo()),
                            TRIES,
                            e.getMessage());
                    return;
                }
                try {
                    // A short wait on this thread only: an SMTP server that is restarting gets a moment.
                    Thread.sleep(firstBackoffMs * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
