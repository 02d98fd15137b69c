package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which reads an empty read spares, for how long, and what makes it stale. Time is passed in. */
class FruitlessReadsTest {

    private final FruitlessReads reads = new FruitlessReads(500);

    @Test
    void nothingIsSkippedBeforeAnyEmptyRead() {
        assertThat(reads.canSkip(Set.of("a"), 1_000)).isFalse();
    }

    @Test
    void anEmptyReadSparesReadsLeavingOutAsMuchOrMoreUntilItsMemoryRunsOut() {
        emptyRead(Set.of("a", "b"), 1_000);
        assertThat(reads.canSkip(Set.of("a", "b"), 1_000)).isTrue();
        assertThat(reads.canSkip(Set.of("a", "b", "c"), 1_499)).isTrue();
        assertThat(reads.canSkip(Set.of("a", "b"), 1_500)).isFalse();
    }

    @Test
    void aReadLeavingOutLessIsNeverSkipped() {
        emptyRead(Set.of("a", "b"), 1_000);
        assertThat(reads.canSkip(Set.of("a"), 1_000)).isFalse();
        assertThat(reads.canSkip(Set.of("a", "c"), 1_000)).isFalse();
        assertThat(reads.canSkip(Set.of(), 1_000)).isFalse();
    }

    @Test
    void aReadThatFoundSomethingOrLeftNothingOutIsNotRemembered() {
        long version = reads.readStarted();
        reads.readFinished(Set.of("a"), false, 1_000, version);
        assertThat(reads.canSkip(Set.of("a"), 1_000)).isFalse();

        emptyRead(Set.of(), 1_000);
        assertThat(reads.canSkip(Set.of(), 1_000)).isFalse();
        assertThat(reads.canSkip(Set.of("a"), 1_000)).isFalse();
    }

    @Test
    void workOfEndpointsTheReadLeftOutChangesNothing() {
        emptyRead(Set.of("a", "b"), 1_000);
        reads.workAdded(List.of("a"));
        reads.workAdded(List.of("a", "b"));
        assertThat(reads.canSkip(Set.of("a", "b"), 1_000)).isTrue();
    }

    @Test
    void workOfAnyOtherEndpointOrOfEndpointsUnknownMakesTheReadStale() {
        emptyRead(Set.of("a", "b"), 1_000);
        reads.workAdded(List.of("a", "c"));
        assertThat(reads.canSkip(Set.of("a", "b", "c"), 1_000)).isFalse();

        emptyRead(Set.of("a", "b"), 1_000);
        reads.workAdded(List.of());
        assertThat(reads.canSkip(Set.of("a", "b"), 1_000)).isFalse();
    }

    @Test
    void aReadDuringWhichOtherWorkWasCommittedIsNotRemembered() {
        emptyRead(Set.of("a", "b"), 1_000); // an older read that left out "c"'s endpoint too...
        long version = reads.readStarted();
        reads.workAdded(List.of("b")); // ...so this does not make anything stale by itself
        reads.readFinished(Set.of("a"), true, 1_100, version); // but this read may not have seen it
        assertThat(reads.canSkip(Set.of("a"), 1_100)).isFalse();

        version = reads.readStarted();
        reads.workAdded(List.of("a"));
        reads.readFinished(Set.of("a"), true, 1_200, version); // work it left out: still stands
        assertThat(reads.canSkip(Set.of("a"), 1_200)).isTrue();
    }

    @Test
    void aClockThatWentBackForgetsTheRead() {
        emptyRead(Set.of("a"), 1_000);
        assertThat(reads.canSkip(Set.of("a"), 999)).isFalse();
    }

    private void emptyRead(Set<String> excluded, long at) {
        long version = reads.readStarted();
        reads.readFinished(excluded, true, at, version);
    }
}
