package app.smartcomply.webhooks.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The background loop's contract: a fired wake-up runs the next turn at once (not after the
 * bounded wait), a turn that throws does not end the thread, stop wakes, finishes and joins it,
 * and a batcher hands over what is queued, at most its limit per call, before it stops.
 */
class BackgroundLoopTest {

    /** Far longer than any test here waits: a turn that ran came from a wake-up, not the timeout. */
    private static final Duration NEVER = Duration.ofMinutes(10);

    @Test
    void aWakeUpRunsTheNextTurnAtOnceAndStopJoinsTheThread() throws Exception {
        WakeUp wakeUp = new WakeUp();
        LinkedBlockingQueue<String> turns = new LinkedBlockingQueue<>();
        BackgroundLoop loop = BackgroundLoop.platform("test-loop")
                .wokenBy(wakeUp, NEVER)
                .build(() -> {
                    turns.add(Thread.currentThread().getName());
                    return false;
                })
                .start();

        assertThat(turns.poll(10, TimeUnit.SECONDS))
                .as("the first turn, at start")
                .isEqualTo("test-loop");
        wakeUp.fire();
        assertThat(turns.poll(10, TimeUnit.SECONDS))
                .as("a turn after the wake-up")
                .isEqualTo("test-loop");
        assertThat(loop.stop(Duration.ofSeconds(10)))
                .as("ended within the join")
                .isTrue();
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void aTurnThatThrowsIsRetriedAndTheLoopGoesOn() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        CountDownLatch thirdTurn = new CountDownLatch(1);
        BackgroundLoop loop = BackgroundLoop.virtual("failing-loop")
                .wokenBy(new WakeUp(), NEVER)
                .failures("A test step", Duration.ofMillis(1), () -> {})
                .build(() -> {
                    if (turns.incrementAndGet() < 3) {
                        throw new IllegalStateException("the store is away");
                    }
                    thirdTurn.countDown();
                    return false;
                })
                .start();

        assertThat(thirdTurn.await(10, TimeUnit.SECONDS))
                .as("turns went on after two failures")
                .isTrue();
        assertThat(loop.stop(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aBatcherHandsOverWhatIsQueuedAtMostItsLimitPerCallAndEverythingBeforeItStops() throws Exception {
        List<List<Integer>> calls = new CopyOnWriteArrayList<>();
        CountDownLatch firstCallHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Batcher<Integer> batcher = new Batcher<Integer>(
                        "test-batcher",
                        3,
                        100,
                        batch -> {
                            calls.add(List.copyOf(batch));
                            if (calls.size() == 1) {
                                firstCallHolds.countDown();
                                try {
                                    release.await(10, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        },
                        (item, why) -> calls.add(List.of(-item)))
                .start();

        assertThat(batcher.add(0)).isTrue();
        assertThat(firstCallHolds.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 7; i++) {
            assertThat(batcher.add(i)).isTrue();
        }
        release.countDown();
        batcher.close(Duration.ofSeconds(10));

        assertThat(calls).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
        assertThat(batcher.add(8)).as("added after close").isFalse();
    }
}
