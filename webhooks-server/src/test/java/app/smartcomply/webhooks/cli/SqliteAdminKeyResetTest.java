package app.smartcomply.webhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.smartcomply.webhooks.testkit.ApiClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AdminKeyResetContract} on a real SQLite file; and the first start that failed before its banner. */
class SqliteAdminKeyResetTest extends AdminKeyResetContract {

    @TempDir
    Path dataDir;

    @Override
    List<String> serviceStoreArgs() {
        return List.of("--webhooks.store.data-dir=" + dataDir);
    }

    @Override
    List<String> cliStoreArgs() {
        return List.of("--data-dir", dataDir.toString());
    }

    @Test
    void aFirstStartThatFailedBeforeItsBannerLeavesAWayBackIn() throws IOException {
        // The first start stores a generated key, then cannot listen: the port is taken.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServiceStart.StartFailed failed = catchThrowableOfType(
                    ServiceStart.StartFailed.class,
                    () -> ServiceStart.start(
                            "--server.address=127.0.0.1",
                            "--server.port=" + taken.getLocalPort(),
                            "--webhooks.admin-key=",
                            "--webhooks.store.data-dir=" + dataDir));
            assertThat(failed).isNotNull();
            assertThat(failed.printed).doesNotContain("sc_admin_");
        }

        // The next start cannot show that key again, so it says how to get a working one.
        try (ServiceStart service = startService()) {
            assertThat(service.printed())
                    .doesNotContain("sc_admin_")
                    .contains("./webhooks admin-key reset", "WEBHOOKS_ADMIN_KEY")
                    .contains("Data:       " + dataDir.toAbsolutePath().normalize());

            Result reset = cli(Map.of(), List.of("admin-key", "reset", "--data-dir", dataDir.toString()));
            assertThat(reset.code()).as(reset.err()).isZero();
            String key = ServiceStart.adminKeyIn(reset.out());
            awaitStatus(201, () -> createAccountStatus(ApiClient.onPort(service.port()), key));
        }
    }

    @Test
    void aDirectoryWithoutAStoreIsRefusedAndLeftEmpty() throws IOException {
        Path elsewhere = dataDir.resolve("typo");
        Result reset = cli(Map.of("WEBHOOKS_DATA_DIR", elsewhere.toString()), List.of("admin-key", "reset"));

        assertThat(reset.code()).isEqualTo(1);
        assertThat(reset.err()).contains("No store at " + elsewhere.resolve("webhooks.db"));
        assertThat(Files.exists(elsewhere)).isFalse();
    }
}
