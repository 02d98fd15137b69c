package app.smartcomply.webhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code ./webhooks serve} starts quietly: no INFO line before the banner, the banner (with the
 * absolute data directory) the last thing printed, and INFO logging back on once the service runs.
 */
class QuietStartTest {

    @TempDir
    Path dataDir;

    @Test
    void theBannerIsTheLastThingPrintedAndLoggingResumesAfterIt() {
        try (ServiceStart service = ServiceStart.start(
                QuietStart.application(),
                "--server.port=0",
                "--webhooks.admin-key=",
                "--webhooks.store.data-dir=" + dataDir)) {
            String printed = service.printed();
            int banner = printed.indexOf("SmartComply Webhooks is running");
            assertThat(banner).as(printed).isNotNegative();
            List<String> infoBeforeBanner = Arrays.stream(
                            printed.substring(0, banner).split("\\R"))
                    .filter(line -> line.contains(" INFO "))
                    .toList();
            assertThat(infoBeforeBanner).isEmpty();
            assertThat(printed.substring(banner))
                    .contains("Data:       " + dataDir.toAbsolutePath().normalize())
                    .contains("sc_admin_");
            assertThat(LoggerFactory.getLogger("app.smartcomply.webhooks").isInfoEnabled())
                    .isTrue();
        }
    }
}
