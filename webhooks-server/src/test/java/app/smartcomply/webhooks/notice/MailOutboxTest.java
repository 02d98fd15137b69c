package app.smartcomply.webhooks.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The outbox never makes its caller wait for the SMTP server, and a message that fails because
 * the server is down is tried again — a real SMTP server on 127.0.0.1, started late.
 */
class MailOutboxTest {

    @Test
    void anUnreachableServerNeverHoldsUpTheCallerAndAServerThatComesBackGetsTheMessage() throws Exception {
        int port = freePort();
        AtomicInteger failures = new AtomicInteger();
        JavaMailSenderImpl sender = new SmtpUrl(false, "127.0.0.1", port, null, null).sender();
        JavaMailSenderImpl counting = new JavaMailSenderImpl() {
            @Override
            public void send(SimpleMailMessage... messages) {
                try {
                    sender.send(messages);
                } catch (MailException e) {
                    failures.incrementAndGet();
                    throw e;
                }
            }
        };
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (MailOutbox outbox = new MailOutbox(counting, 500)) {
            long started = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                outbox.submit(message("Notice " + i));
            }
            assertThat((System.nanoTime() - started) / 1_000_000)
                    .as("ms the caller waited")
                    .isLessThan(500);

            awaitAtLeast(failures, 1);
            smtp.start();
            assertThat(smtp.waitForIncomingEmail(20_000, 1))
                    .as("a retry reached the server once it was up")
                    .isTrue();
            assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("Notice ");
        } finally {
            smtp.stop();
        }
    }

    private static SimpleMailMessage message(String subject) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("webhooks@smartcomply.example");
        message.setTo("ops@acme.example");
        message.setSubject(subject);
        message.setText("Body");
        return message;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitAtLeast(AtomicInteger counter, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (counter.get() < n) {
            assertThat(System.nanoTime()).as("the outbox never tried").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
