package app.smartcomply.webhooks.cli;

import app.smartcomply.webhooks.WebhooksApplication;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service started in this JVM the way {@code serve} starts it, with what it printed to
 * standard output while starting (the banner, with a generated admin key) kept for the test.
 */
final class ServiceStart implements AutoCloseable {

    private static final Pattern ADMIN_KEY = Pattern.compile("sc_admin_[A-Za-z0-9_]+");

    private final ConfigurableApplicationContext context;
    private final String printed;

    private ServiceStart(ConfigurableApplicationContext context, String printed) {
        this.context = context;
        this.printed = printed;
    }

    /** Starts the service with these Spring arguments; on failure, rethrows with what it printed. */
    static ServiceStart start(String... args) {
        return start(new SpringApplicationBuilder(WebhooksApplication.class).build(), args);
    }

    /** Starts {@code application} (e.g. {@code serve}'s quiet start) with these arguments. */
    static ServiceStart start(SpringApplication application, String... args) {
        Capture capture = new Capture();
        try {
            return new ServiceStart(application.run(args), capture.stop());
        } catch (RuntimeException failed) {
            throw new StartFailed(capture.stop(), failed);
        } finally {
            capture.stop();
        }
    }

    /** A start that failed, with what it printed before it did. */
    static final class StartFailed extends RuntimeException {
        final String printed;

        StartFailed(String printed, RuntimeException cause) {
            super(cause);
            this.printed = printed;
        }
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    String printed() {
        return printed;
    }

    /** The generated admin key the banner showed; fails if it showed none. */
    String bannerAdminKey() {
        return adminKeyIn(printed);
    }

    static String adminKeyIn(String text) {
        Matcher key = ADMIN_KEY.matcher(text);
        if (!key.find()) {
            throw new AssertionError("No admin key in:\n" + text);
        }
        return key.group();
    }

    @Override
    public void close() {
        context.close();
    }

    /** Standard output copied into a buffer (and still shown) until stopped. */
    private static final class Capture {
        private final PrintStream original = System.out;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private boolean stopped;

        Capture() {
            System.setOut(new PrintStream(
                    new OutputStream() {
                        @Override
                        public void write(int b) {
                            original.write(b);
                            synchronized (copy) {
                                copy.write(b);
                            }
                        }

                        @Override
                        public void write(byte[] bytes, int offset, int length) {
                            original.write(bytes, offset, length);
                            synchronized (copy) {
                                copy.write(bytes, offset, length);
                            }
                        }
                    },
                    true,
                    StandardCharsets.UTF_8));
        }

        String stop() {
            if (!stopped) {
                System.out.flush();
                System.setOut(original);
                stopped = true;
            }
            synchronized (copy) {
                return copy.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
