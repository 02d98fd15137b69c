package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void usesTheLargestUnitThatDividesThePeriodExactly() {
        assertThat(HumanDuration.of(Duration.ofDays(5))).isEqualTo("5 days");
        assertThat(HumanDuration.of(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(HumanDuration.of(Duration.ofHours(12))).isEqualTo("12 hours");
        assertThat(HumanDuration.of(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(HumanDuration.of(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(HumanDuration.of(Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(HumanDuration.of(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(HumanDuration.of(Duration.ofMillis(1500))).isEqualTo("1 second");
    }
}
