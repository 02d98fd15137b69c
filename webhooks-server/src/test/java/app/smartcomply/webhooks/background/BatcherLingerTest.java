package app.smartcomply.webhooks.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lingering batcher waits for more items only while they keep coming and its batch is small:
 * the first item after a quiet spell is handed over at once, an item that arrives soon after a
 * batch waits for others up to the linger or until there are enough, and a batch that is large
 * enough by itself never waits.
 */
class BatcherLingerTest {

    private final BlockingQueue<List<String>> handedOver = new LinkedBlockingQueue<>();
    private final CountDownLatch firstCallMayReturn = new CountDownLatch(1);
    private boolean holdFirstCall;
    private Batcher<String> batcher;

    @AfterEach
    void close() {
        firstCallMayReturn.countDown();
        batcher.close(Duration.ofSeconds(5));
    }

    @Test
    void anItemAfterAQuietSpellDoesNotWaitForTheLinger() throws Exception {
        start(Duration.ofHours(1), 3);

        batcher.add("a");

        assertThat(next()).as("handed over without waiting the hour").containsExactly("a");
    }

    @Test
    void itemsArrivingSoonAfterABatchAreGatheredUntilThereAreEnough() throws Exception {
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
    void aBatchLargeEnoughByItselfDoesNotWait() throws Exception {
        holdFirstCall = true;
        start(Duration.ofHours(1), 2);
        batcher.add("a");
        assertThat(next()).containsExactly("a"); // its call now holds the consumer
        batcher.add("b");
        batcher.add("c");

        firstCallMayReturn.countDown();

        assertThat(next()).as("two were waiting: enough, no hour's wait").containsExactly("b", "c");
    }

    @Test
    void aLingeringBatchIsHandedOverWhenTheLingerEndsThoughSmall() throws Exception {
        start(Duration.ofMillis(50), 100);
        batcher.add("a");
        assertThat(next()).containsExactly("a");

        batcher.add("b");

        assertThat(next()).containsExactly("b");
    }

    private void start(Duration linger, int enough) {
        batcher = new Batcher<String>(
                        "linger-test",
                        100,
                        1000,
                        batch -> {
                            handedOver.add(List.copyOf(batch));
                            if (holdFirstCall) {
                                holdFirstCall = false;
                                await(firstCallMayReturn);
                            }
                        },
                        (item, why) -> {})
                .lingering(linger, enough)
                .start();
    }

    /** The next batch handed over; fails the test if none comes within half a minute. */
    private List<String> next() throws InterruptedException {
        List<String> batch = handedOver.poll(30, TimeUnit.SECONDS);
        assertThat(batch).as("a batch handed over").isNotNull();
        return batch;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
