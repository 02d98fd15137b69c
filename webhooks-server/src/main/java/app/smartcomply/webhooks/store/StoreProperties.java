package app.smartcomply.webhooks.store;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the data lives. With no {@code databaseUrl} the service runs on an embedded SQLite file
 * under {@code dataDir}; a {@code postgres://} or {@code jdbc:postgresql:} URL switches every node
 * to a shared PostgreSQL database.
 *
 * @param dataDir directory of the SQLite file and of node-local files ({@code WEBHOOKS_DATA_DIR})
 * @param databaseUrl PostgreSQL URL, blank for SQLite ({@code WEBHOOKS_DATABASE_URL})
 * @param maxPoolSize connection pool size; for PostgreSQL mind the server's max_connections
 * @param commitDelay SQLite: how long a group commit may wait for more units while they keep coming
 *     ({@code WEBHOOKS_STORE_COMMITDELAY}; default 0, none; decision 030)
 */
@ConfigurationProperties("webhooks.store")
public record StoreProperties(Path dataDir, String databaseUrl, Integer maxPoolSize, Duration commitDelay) {

    public StoreProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        if (commitDelay == null) {
            commitDelay = Duration.ZERO;
        }
    }

    /** True when the service runs on PostgreSQL rather than the embedded SQLite file. */
    public boolean usesPostgres() {
        return databaseUrl != null && !databaseUrl.isBlank();
    }
}
