package app.smartcomply.webhooks.ops;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The container health check the compose file runs (the image has no curl): it passes against a
 * running node's readiness and liveness, and fails — quickly — when nothing listens, when the
 * path is not a health endpoint, and when the node accepts the connection but never answers.
 */
class HealthProbeTest extends WebhooksAppTest {

    @Test
    void passesWhenTheNodeIsReadyAndLive() {
        assertThat(HealthProbe.check(port, "/actuator/health/readiness")).isTrue();
        assertThat(HealthProbe.check(port, "/actuator/health/liveness")).isTrue();
    }

    @Test
    void failsOnAPathThatIsNotHealthy() {
        assertThat(HealthProbe.check(port, "/actuator/health/no-such-group")).isFalse();
    }

    @Test
    void failsWhenNothingListens() throws IOException {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }
        assertThat(HealthProbe.check(free, "/actuator/health/readiness")).isFalse();
    }

    @Test
    void failsWithinItsReadTimeoutWhenTheNodeNeverAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Instant start = Instant.now();
            assertThat(HealthProbe.check(silent.getLocalPort(), "/actuator/health/readiness"))
                    .isFalse();
            assertThat(Duration.between(start, Instant.now()))
                    .isLessThan(Duration.ofMillis(HealthProbe.READ_TIMEOUT_MILLIS + 2_000));
        }
    }
}
