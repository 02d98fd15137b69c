package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.limits.RateLimits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The most endpoints one account may have ({@code webhooks.limits.endpoints-per-account}): each
 * one is work on every matching publish, so an account cannot make the fan-out of its events
 * unbounded. Deleted endpoints do not count.
 */
@Component
class EndpointCap {

    private final JdbcClient jdbc;
    private final int max;

    EndpointCap(JdbcClient jdbc, RateLimits limits) {
        this.jdbc = jdbc;
        this.max = limits.endpointsPerAccount();
    }

    /**
     * Call inside the transaction that adds the endpoint. Two creates racing on different nodes can
     * both pass with one place left: the cap may be exceeded by the number of concurrent creates.
     *
     * @throws ConflictException 409 {@code limit_exceeded}, param {@code endpoints}, if the account
     *     has the most it may have
     */
    void checkRoomFor(String accountId) {
        long count = jdbc.sql(
                        "SELECT COUNT(*) FROM endpoints WHERE account_id = ? AND kind = 'http' AND deleted_at IS NULL")
                .param(accountId)
                .query(Long.class)
                .single();
        if (count >= max) {
            throw new ConflictException(
                    "limit_exceeded",
                    "endpoints",
                    "This account has " + count + " endpoints, the most it may have (" + max
                            + "). Delete endpoints it no longer uses first.");
        }
    }
}
