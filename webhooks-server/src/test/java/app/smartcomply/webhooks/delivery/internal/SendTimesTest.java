package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sends of a rate-limited endpoint keep to N in any window even when they come in a bunch: the
 * (N+1)-th waits until the first of the N before it is a window old.
 */
class SendTimesTest {

    private static final long NOW = 1_000_000;

    @Test
    void theSendAfterNInAWindowWaitsForTheFirstOfThemToBeAWindowOld() {
        SendTimes sends = new SendTimes(1_020);
        for (int i = 0; i < 3; i++) {
            assertThat(sends.book("whe_a", 3, NOW + i)).isEqualTo(NOW + i);
        }
        assertThat(sends.book("whe_a", 3, NOW + 5)).isEqualTo(NOW + 1_020);
        assertThat(sends.book("whe_a", 3, NOW + 5)).isEqualTo(NOW + 1 + 1_020);
        assertThat(sends.book("whe_a", 3, NOW + 2_000)).isEqualTo(NOW + 2_000);
        assertThat(sends.book("whe_b", 3, NOW + 5)).as("another endpoint").isEqualTo(NOW + 5);
    }

    @Test
    void anEndpointNoLongerLimitedIsForgotten() {
        SendTimes sends = new SendTimes(1_000);
        sends.book("whe_a", 1, NOW);
        sends.retainAll(Set.of());
        assertThat(sends.book("whe_a", 1, NOW)).isEqualTo(NOW);
    }
}
