package app.smartcomply.webhooks.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lingering batcher waits for more items only while they keep coming: the first item after a
 * quiet spell is handed over at once, and an item that arrives soon after a batch waits for
 * others, up to the linger or a full batch.
 */
class BatcherLingerTest {

    private final BlockingQueue<List<String>> handedOver = new LinkedBlockingQueue<>();
    private Batcher<String> batcher;

    @AfterEach
    void close() {
        batcher.close(Duration.ofSeconds(5));
    }

    @Test
    void anItemAfterAQuietSpellDoesNotWaitForTheLinger() throws Exception {
        start(Duration.ofHours(1), 3);

        batcher.add("a");

        assertThat(next()).as("handed over without waiting the hour").containsExactly("a");
    }

    @Test
    void itemsArrivingSoonAfterABatchAreGatheredIntoOneUpToAFullBatch() throws Exception {
        start(Duration.ofHours(1), 3);
        batcher.add("a");
        assertThat(next()).containsExactly("a");

        // Within the hour of the first batch: these wait for each other until three are together.
        batcher.add("b");
        batcher.add("c");
        batcher.add("d");

        assertThat(next()).containsExactly("b", "c", "d");
    }

    @Test
    void aLingeringBatchIsHandedOverWhenTheLingerEndsThoughNotFull() throws Exception {
        start(Duration.ofMillis(50), 100);
        batcher.add("a");
        assertThat(next()).containsExactly("a");

        batcher.add("b");

        assertThat(next()).containsExactly("b");
    }

    private void start(Duration linger, int maxBatch) {
        batcher = new Batcher<String>(
                        "linger-test", maxBatch, 1000, batch -> handedOver.add(List.copyOf(batch)), (item, why) -> {})
                .lingering(linger)
                .start();
    }

    /** The next batch handed over; fails the test if none comes within half a minute. */
    private List<String> next() throws InterruptedException {
        List<String> batch = handedOver.poll(30, TimeUnit.SECONDS);
        assertThat(batch).as("a batch handed over").isNotNull();
        return batch;
    }
}
