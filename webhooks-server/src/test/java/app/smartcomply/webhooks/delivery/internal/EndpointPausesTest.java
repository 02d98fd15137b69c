package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When an endpoint is paused, for how long, and what ends it. Time is passed in, never read. */
class EndpointPausesTest {

    private static final String EP = "ep_1";
    private final EndpointPauses pauses = new EndpointPauses(3, Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void anEndpointIsPausedOnlyAfterEnoughFailuresInARow() {
        pauses.failed(EP, 1_000);
        pauses.failed(EP, 1_001);
        assertThat(pauses.pausedUntil(EP, 1_002)).isZero();

        pauses.failed(EP, 1_002);
        assertThat(pauses.pausedUntil(EP, 1_002)).isEqualTo(6_002);
        assertThat(pauses.pausedAt(1_003)).isEqualTo(Map.of(EP, 6_002L));
        assertThat(pauses.probing(EP, 6_001)).isFalse();
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        pauses.failed(EP, 1_000);
        pauses.failed(EP, 1_001);
        pauses.succeeded(EP);
        pauses.failed(EP, 1_002);
        pauses.failed(EP, 1_003);
        assertThat(pauses.pausedUntil(EP, 1_003)).isZero();
    }

    @Test
    void afterThePauseOneProbeDecides() {
        pauseAt(0); // until 5,000
        assertThat(pauses.probing(EP, 5_000)).isTrue();
        assertThat(pauses.pausedUntil(EP, 5_000)).isZero();

        pauses.failed(EP, 5_100); // the probe failed: twice as long
        assertThat(pauses.pausedUntil(EP, 5_100)).isEqualTo(15_100);
        pauses.failed(EP, 15_100);
        assertThat(pauses.pausedUntil(EP, 15_100)).isEqualTo(35_100);
        pauses.failed(EP, 35_100); // 40 s would be next; capped at 30 s
        assertThat(pauses.pausedUntil(EP, 35_100)).isEqualTo(65_100);

        pauses.succeeded(EP); // the probe got through: healthy, full speed
        assertThat(pauses.probing(EP, 65_100)).isFalse();
        assertThat(pauses.pausedUntil(EP, 65_100)).isZero();
        assertThat(pauses.pausedAt(65_100)).isEmpty();
    }

    @Test
    void failuresOfAttemptsAlreadyInFlightDoNotLengthenAPause() {
        pauseAt(0);
        pauses.failed(EP, 2_000);
        pauses.failed(EP, 4_999);
        assertThat(pauses.pausedUntil(EP, 4_999)).isEqualTo(5_000);
    }

    @Test
    void theSuccessThatEndsARunOfPausesSaysSo() {
        pauseAt(1_000);
        pauses.failed(EP, 6_000); // the probe fails: paused again
        assertThat(pauses.pausing(EP)).isTrue();
        assertThat(pauses.succeeded(EP)).isTrue();
        assertThat(pauses.pausing(EP)).isFalse();
        assertThat(pauses.succeeded(EP)).as("healthy already").isFalse();

        pauses.failed(EP, 7_000);
        assertThat(pauses.pausing(EP)).as("failed, but never paused").isFalse();
        assertThat(pauses.succeeded(EP)).isFalse();
    }

    @Test
    void duringAPauseTheFirstNewDeliveryProbesAtItsEndAndTheOthersAreParked() {
        assertThat(pauses.waitOfNewDelivery(EP, "d0", 500, false))
                .as("healthy: not pausing")
                .isNull();
        pauseAt(1_000); // until 6,000

        assertThat(pauses.waitOfNewDelivery(EP, "d1", 2_000, false)).isEqualTo(new DirectDispatch.Wait(6_000, false));
        assertThat(pauses.waitOfNewDelivery(EP, "d2", 2_001, false)).isEqualTo(new DirectDispatch.Wait(32_001, true));
        assertThat(pauses.waitOfNewDelivery(EP, "d3", 2_002, false)).isEqualTo(new DirectDispatch.Wait(32_002, true));
        assertThat(pauses.waitOfNewDelivery(EP, "d4", 6_500, true))
                .as("its probe in flight: parked too")
                .isEqualTo(new DirectDispatch.Wait(36_500, true));
        assertThat(pauses.waitOfNewDelivery(EP, "d5", 6_600, false))
                .as("pause over, no probe out: it may be the probe")
                .isNull();
    }

    @Test
    void aPauseAfterAFailedProbeNamesAParkedDeliveryToProbeWithNext() {
        pauseAt(1_000); // until 6,000
        pauses.waitOfNewDelivery(EP, "d1", 2_000, false); // the probe
        pauses.waitOfNewDelivery(EP, "d2", 2_001, false); // parked

        EndpointPauses.PauseBegan next = pauses.failed(EP, 6_100); // the probe failed
        assertThat(next).isEqualTo(new EndpointPauses.PauseBegan(16_100, "d2"));
        assertThat(pauses.waitOfNewDelivery(EP, "d3", 7_000, false))
                .as("the new pause's first delivery probes too")
                .isEqualTo(new DirectDispatch.Wait(16_100, false));
        assertThat(pauses.failed(EP, 8_000))
                .as("an attempt in flight failing during the pause begins none")
                .isNull();
    }

    @Test
    void zeroFailuresNeverPauses() {
        EndpointPauses never = new EndpointPauses(0, Duration.ofSeconds(5), Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            never.failed(EP, i);
        }
        assertThat(never.pausedUntil(EP, 100)).isZero();
        assertThat(never.probing(EP, 100)).isFalse();
        assertThatThrownBy(() -> new EndpointPauses(-1, Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void pauseAt(long now) {
        for (int i = 0; i < 3; i++) {
            pauses.failed(EP, now);
        }
        assertThat(pauses.pausedUntil(EP, now)).isEqualTo(now + 5_000);
    }
}
