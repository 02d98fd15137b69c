package app.smartcomply.webhooks.listen;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of listen sessions ({@code webhooks.listen.*}).
 *
 * @param idleTimeout how long after its CLI was last connected a session is deleted (default 10
 *     minutes)
 * @param pollInterval longest a stream waits before looking for new events when no publish on
 *     this node woke it — how late an event published on another node arrives (default 1 s)
 * @param heartbeat time between keep-alive comments on an idle stream, which also mark the session
 *     as seen (default 15 s)
 * @param maxConnection how long one stream stays open; the CLI then reconnects and resumes from
 *     its last event, so no connection (or Tomcat async request) lives unbounded (default 5 minutes)
 * @param sweepInterval time between sweeps of idle sessions (default 1 minute)
 */
@ConfigurationProperties("webhooks.listen")
public record ListenProperties(
        Duration idleTimeout,
        Duration pollInterval,
        Duration heartbeat,
        Duration maxConnection,
        Duration sweepInterval) {

    public ListenProperties {
        idleTimeout = positive(idleTimeout, Duration.ofMinutes(10), "idle-timeout");
        pollInterval = positive(pollInterval, Duration.ofSeconds(1), "poll-interval");
        heartbeat = positive(heartbeat, Duration.ofSeconds(15), "heartbeat");
        maxConnection = positive(maxConnection, Duration.ofMinutes(5), "max-connection");
        sweepInterval = positive(sweepInterval, Duration.ofMinutes(1), "sweep-interval");
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(
                    "webhooks.listen." + name + " must be a positive duration, not " + value);
        }
        return value;
    }
}
