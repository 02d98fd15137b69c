package app.smartcomply.webhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.retention.Purger;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.ProblemAssertions;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A full store (here: SQLite's own size limit, {@code max_page_count}, set just above the file's
 * size) refuses publishes with 503 {@code store_full}, stays intact, and takes publishes again by
 * itself once space returns — here because the purge deleted what was past the retention period.
 */
@TestPropertySource(properties = {"webhooks.store.max-pool-size=" + StoreFullTest.POOL, "webhooks.retention.period=1d"})
class StoreFullTest extends WebhooksAppTest {

    static final int POOL = 3;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Purger purger;

    @Test
    void publishesAreRefusedWith503WhileTheStoreIsFullAndAcceptedAgainOnceThePurgeFreedSpace() throws Exception {
        ApiClient api = api();
        String accountId = api.createAccount(ADMIN_KEY, "Full").text("id");
        String data = EventExamples.testSubmitted(1).replaceFirst("\\{", "{\"note\":\"" + "x".repeat(100_000) + "\",");
        limitFileTo(pageCount() + 100); // about 400 KiB more

        Answer refused = null;
        int accepted = 0;
        for (int i = 0; i < 50 && refused == null; i++) {
            Answer answer = publish(api, accountId, data);
            if (answer.status() == 202) {
                accepted++;
            } else {
                refused = answer;
            }
        }
        assertThat(refused).as("a publish was refused within 50 (about 5 MB)").isNotNull();
        ProblemAssertions.assertProblem(refused, 503, "store_full", null);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(accepted).isPositive();
        assertThat(publish(api, accountId, data).status()).as("still full").isEqualTo(503);
        assertThat(count("SELECT COUNT(*) FROM events WHERE account_id = ?", accountId))
                .isEqualTo(accepted);

        clock.advance(Duration.ofDays(2));
        assertThat(purger.purgeOnce().events()).isEqualTo(accepted);

        for (int i = 0; i < accepted; i++) {
            ApiClient.expect(202, publish(api, accountId, data));
        }
        assertThat(jdbc.sql("PRAGMA integrity_check").query(String.class).single())
                .isEqualTo("ok");
    }

    private static Answer publish(ApiClient api, String accountId, String data) {
        return api.post(
                "/api/v1/events",
                ADMIN_KEY,
                "{\"account_id\":\"" + accountId + "\",\"type\":\"test.submitted\",\"data\":" + data + "}");
    }

    private long pageCount() {
        return jdbc.sql("PRAGMA page_count").query(Long.class).single();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /**
     * {@code max_page_count} holds per connection: takes every connection of the pool at once (it
     * never holds more than {@link #POOL}) and sets it on each.
     */
    private void limitFileTo(long pages) throws Exception {
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < POOL; i++) {
                all.add(dataSource.getConnection());
            }
            for (Connection connection : all) {
                try (Statement sql = connection.createStatement();
                        ResultSet set = sql.executeQuery("PRAGMA max_page_count = " + pages)) {
                    assertThat(set.next()).isTrue();
                    assertThat(set.getLong(1)).isEqualTo(pages);
                }
            }
        } finally {
            for (Connection connection : all) {
                connection.close();
            }
        }
    }
}
