package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which reads an empty read spares, and for how long. Time is passed in, never read. */
class FruitlessReadsTest {

  private final FruitlessReads reads = new FruitlessReads(500);

  @Test
  void nothingIsSkippedBeforeAnyEmptyRead() {
    assertThat(reads.canSkip(Set.of("a"), 1_000)).isFalse();
  }

  @Test
  void anEmptyReadSparesReadsLeavingOutAsMuchOrMoreUntilItsMemoryRunsOut() {
    reads.foundNothing(Set.of("a", "b"), 1_000, reads.workVersion());
    assertThat(reads.canSkip(Set.of("a", "b"), 1_000)).isTrue();
    assertThat(reads.canSkip(Set.of("a", "b", "c"), 1_499)).isTrue();
    assertThat(reads.canSkip(Set.of("a", "b"), 1_500)).isFalse();
  }

  @Test
  void aReadLeavingOutLessIsNeverSkipped() {
    reads.foundNothing(Set.of("a", "b"), 1_000, reads.workVersion());
    assertThat(reads.canSkip(Set.of("a"), 1_000)).isFalse();
    assertThat(reads.canSkip(Set.of("a", "c"), 1_000)).isFalse();
    assertThat(reads.canSkip(Set.of(), 1_000)).isFalse();
  }

  @Test
  void workAddedSinceTheEmptyReadBeganMakesItStandForNothing() {
    long before = reads.workVersion();
    reads.workAdded(); // committed while the read ran: the read may not have seen it
    reads.foundNothing(Set.of("a"), 1_000, before);
    assertThat(reads.canSkip(Set.of("a"), 1_000)).isFalse();

    reads.foundNothing(Set.of("a"), 1_000, reads.workVersion());
    assertThat(reads.canSkip(Set.of("a"), 1_000)).isTrue();
    reads.workAdded();
    assertThat(reads.canSkip(Set.of("a"), 1_000)).isFalse();
  }

  @Test
  void anEmptyReadThatLeftNothingOutIsNotRemembered() {
    reads.foundNothing(Set.of(), 1_000, reads.workVersion());
    assertThat(reads.canSkip(Set.of(), 1_000)).isFalse();
    assertThat(reads.canSkip(Set.of("a"), 1_000)).isFalse();
  }

  @Test
  void aClockThatWentBackForgetsTheRead() {
    reads.foundNothing(Set.of("a"), 1_000, reads.workVersion());
    assertThat(reads.canSkip(Set.of("a"), 999)).isFalse();
  }
}
