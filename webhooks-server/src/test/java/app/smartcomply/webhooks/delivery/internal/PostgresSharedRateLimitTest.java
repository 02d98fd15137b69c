package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two nodes' limiters on one PostgreSQL database share an endpoint's limit: claiming at the same
 * moments, on two threads racing for the bucket's row, together they are granted at most N sends
 * in any one-second window — and close to N per second, not far less. Time is stepped: both nodes
 * claim at each 10 ms tick of a simulated clock.
 */
class PostgresSharedRateLimitTest extends WebhooksAppTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("shared_rate_limit");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }

    private static final String ENDPOINT = "ep_shared_limit";
    private static final String PAUSED = "ep_paused_by_429";
    private static final int PER_SECOND = 50;

    @Autowired
    JdbcTemplate template;

    private final ExecutorService nodes = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        nodes.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void twoNodesTogetherNeverExceedTheLimitInAnySecond() throws Exception {
        long start = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
        Clock fixed = Clock.fixed(Instant.ofEpochMilli(start), ZoneOffset.UTC);
        EndpointRates nodeA = node(fixed);
        EndpointRates nodeB = node(fixed);
        List<Long> granted = Collections.synchronizedList(new ArrayList<>());
        int seconds = 4;
        for (long now = start; now < start + seconds * 1_000L; now += 10) {
            long at = now;
            List<Future<Integer>> claims = nodes.invokeAll(
                    List.<Callable<Integer>>of(() -> claim(nodeA, ENDPOINT, at), () -> claim(nodeB, ENDPOINT, at)));
            for (Future<Integer> claim : claims) {
                for (int i = claim.get(); i > 0; i--) {
                    granted.add(at);
                }
            }
        }
        assertThat(maxInAnySecond(granted))
                .as("sends granted in any one-second window")
                .isLessThanOrEqualTo(PER_SECOND);
        // Sends are spaced over 1.1 s windows (EndpointRates.WINDOW_US): the sustained rate is about 0.87 N.
        assertThat(granted.size()).as("sends granted in %d s", seconds).isGreaterThanOrEqualTo((int)
                (0.85 * PER_SECOND * seconds));
    }

    /**
     * A 429 with {@code Retry-After: 3} on one node: at that node's next claim the pause goes into
     * the shared bucket, and the other node sends nothing to the endpoint until it ends either.
     */
    @Test
    void a429OnOneNodePausesTheEndpointOnTheOtherToo() {
        long start = Instant.parse("2031-01-01T00:00:00Z").toEpochMilli();
        Clock fixed = Clock.fixed(Instant.ofEpochMilli(start), ZoneOffset.UTC);
        EndpointRates nodeA = node(fixed);
        EndpointRates nodeB = node(fixed);
        assertThat(claim(nodeA, PAUSED, start)).isPositive();
        AttemptResult tooMany = new AttemptResult(
                start, 2, List.of(), 429, List.of(), new byte[0], false, null, Optional.of(Duration.ofSeconds(3)));
        assertThat(nodeA.throttled(PAUSED, tooMany, start)).isEqualTo(start + 3_000);

        assertThat(claim(nodeA, PAUSED, start + 10)).isZero();
        for (long at = start + 20; at < start + 3_000; at += 100) {
            assertThat(claim(nodeB, PAUSED, at))
                    .as("node B at +%d ms", at - start)
                    .isZero();
        }
        assertThat(claim(nodeB, PAUSED, start + 3_000)).isPositive();
    }

    private EndpointRates node(Clock clock) {
        return new EndpointRates(
                () -> Map.of(ENDPOINT, PER_SECOND, PAUSED, PER_SECOND),
                new PostgresRateBuckets(JdbcClient.create(template)),
                clock,
                timer,
                () -> {});
    }

    /** One claim of a node with a backlog of the endpoint's: how many of its deliveries it may lease. */
    private static int claim(EndpointRates node, String endpoint, long now) {
        ClaimRoom room = node.limit(new ClaimRoom(Set.of(), endpointId -> 32), now);
        if (room.full().contains(endpoint)) {
            return 0;
        }
        List<DueCandidates.Due> due = new ArrayList<>();
        for (int i = 0; i < room.roomOf(endpoint); i++) {
            due.add(new DueCandidates.Due("dlv_" + now + "_" + i, endpoint));
        }
        return room.gate().admit(due, now).size();
    }

    private static int maxInAnySecond(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int max = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= 1_000) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }
}
