package app.smartcomply.webhooks.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.WebhooksApplication;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/** WEBHOOKS_RETENTION and WEBHOOKS_PURGE_INTERVAL: what they accept, and a start that refuses the rest. */
class RetentionSettingsTest {

    @ParameterizedTest
    @CsvSource({"30d, P30D", "P30D, P30D", "PT10S, PT10S", "10s, PT10S", "5m, PT5M", "12h, PT12H", "' 7d ', P7D"})
    void acceptsIsoAndShortDurations(String written, String meant) {
        assertThat(new RetentionProperties(written, written, null).period()).isEqualTo(Duration.parse(meant));
        assertThat(new RetentionProperties(null, written, null).purgeInterval()).isEqualTo(Duration.parse(meant));
    }

    @Test
    void defaultsAreThirtyDaysAndFiveMinutes() {
        RetentionProperties defaults = new RetentionProperties(null, "", null);
        assertThat(defaults.period()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.purgeInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.batchSize()).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "PT0S", "-5m", "-P1D", "thirty days", "30 d", "1w", "P"})
    void refusesWhatIsNotAPositiveDurationNamingTheVariable(String written) {
        assertThatThrownBy(() -> new RetentionProperties(written, null, null))
                .hasMessageContaining("WEBHOOKS_RETENTION")
                .hasMessageContaining(written.trim());
        assertThatThrownBy(() -> new RetentionProperties(null, written, null))
                .hasMessageContaining("WEBHOOKS_PURGE_INTERVAL");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aRetentionUnderADayStartsWithAWarning(CapturedOutput output) throws Exception {
        String dir = Files.createTempDirectory("webhooks-retention-start-").toString();
        new SpringApplicationBuilder(WebhooksApplication.class)
                .run(
                        "--server.port=0",
                        "--webhooks.store.data-dir=" + dir,
                        "--webhooks.dev-mode=true",
                        "--webhooks.delivery.enabled=false",
                        "--webhooks.retention.period=12h")
                .close();
        assertThat(output.getOut()).contains("WARN").contains("WEBHOOKS_RETENTION is 12h");
    }

    @Test
    void theServiceDoesNotStartWithABadRetentionAndSaysWhichVariable() throws Exception {
        String dir = Files.createTempDirectory("webhooks-retention-start-").toString();
        // As arguments: they outrank application.yml, where WEBHOOKS_RETENTION is mapped.
        assertThatThrownBy(() -> new SpringApplicationBuilder(WebhooksApplication.class)
                        .run(
                                "--server.port=0",
                                "--webhooks.store.data-dir=" + dir,
                                "--webhooks.dev-mode=true",
                                "--webhooks.retention.period=0s")
                        .close())
                .satisfies(e -> assertThat(
                                NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("WEBHOOKS_RETENTION")
                        .contains("'0s'"));
    }
}
