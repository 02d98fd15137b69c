package app.smartcomply.webhooks.endpoint;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which endpoints have a rate limit, for the delivery engine: read as a whole, a few times a
 * second at most, so that an endpoint without one costs the engine a map lookup and no query.
 */
@Service
public class RateLimitedEndpoints {

    private final JdbcClient jdbc;

    RateLimitedEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every endpoint with a rate limit, with its requests per second. */
    public Map<String, Integer> current() {
        Map<String, Integer> limits = new HashMap<>();
        jdbc.sql("SELECT id, rate_limit_per_second FROM endpoints WHERE rate_limit_per_second IS NOT NULL"
                        + " AND deleted_at IS NULL")
                .query(rs -> {
                    limits.put(rs.getString(1), rs.getInt(2));
                });
        return limits;
    }
}
