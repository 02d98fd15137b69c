package app.smartcomply.webhooks.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads an answer's body within a size and a time limit: past {@code max} bytes the rest is left
 * unread, and a body still trickling in at the deadline is cut off by closing its stream. No read
 * of the CLI waits without end.
 */
final class BoundedBody {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhooks-cli-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /** What was read, and whether more was left unread. */
    record Body(byte[] bytes, boolean truncated) {}

    private BoundedBody() {}

    /** Runs {@code onDeadline} after {@code within} unless cancelled; for the CLI's other bounded waits. */
    static ScheduledFuture<?> after(Duration within, Runnable onDeadline) {
        return TIMER.schedule(onDeadline, within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code check} every {@code period} until cancelled. */
    static ScheduledFuture<?> every(Duration period, Runnable check) {
        return TIMER.scheduleAtFixedRate(check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Body read(InputStream in, int max, Duration within) throws IOException {
        ScheduledFuture<?> deadline = after(within, () -> closeQuietly(in));
        try (in) {
            byte[] bytes = in.readNBytes(max);
            boolean more = bytes.length == max && in.read() != -1;
            return new Body(bytes, more);
        } finally {
            deadline.cancel(false);
        }
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // already closed or broken: nothing more to release
        }
    }
}
