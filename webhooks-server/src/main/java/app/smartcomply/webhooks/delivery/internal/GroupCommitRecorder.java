package app.smartcomply.webhooks.delivery.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Group commit for attempt outcomes. Each attempt's thread hands its outcome over and waits; one
 * writer thread takes everything that has queued up (at most {@code maxBatch}) and writes it in a
 * single transaction ({@link AttemptRecorder#recordAll}). At low load a group is one attempt and
 * nothing waits longer than its own commit; under load the groups grow by themselves while the
 * previous commit runs — one commit and one fsync per group instead of per attempt, and one
 * endpoint-row update per endpoint per group instead of a lock queue on a hot endpoint's row.
 *
 * <p>Semantics are those of recording one by one: {@link #record} returns when the outcome is
 * committed, or throws if it was not (the caller retries, and after its lease the delivery is
 * attempted again). If a group fails for a reason other than an unreachable database, its members
 * are written one by one, so one bad outcome cannot hold back the others.
 *
 * <p>{@code maxBatch} 1 turns grouping off: each caller writes its own transaction.
 */
final class GroupCommitRecorder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitRecorder.class);

  private record Pending(AttemptOutcome outcome, CompletableFuture<Void> committed) {}

  private final AttemptRecorder recorder;
  private final int maxBatch;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean open = true;

  GroupCommitRecorder(AttemptRecorder recorder, int maxBatch) {
    this.recorder = recorder;
    this.maxBatch = Math.max(1, maxBatch);
    this.writer = this.maxBatch > 1
        ? Thread.ofPlatform().name("attempt-recorder").daemon().start(this::writeLoop)
        : null;
  }

  /**
   * Writes the outcome down; returns once it is committed.
   *
   * @throws RuntimeException what the store threw (or {@link IllegalStateException} once closed)
   */
  void record(ClaimedDelivery delivery, String owner, AttemptResult result, NextStep next) {
    AttemptOutcome outcome = new AttemptOutcome(delivery, owner, result, next);
    if (writer == null) {
      recorder.recordAll(List.of(outcome));
      return;
    }
    if (!open) {
      throw new IllegalStateException("The attempt recorder is closed");
    }
    Pending pending = new Pending(outcome, new CompletableFuture<>());
    queue.add(pending);
    try {
      pending.committed().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void writeLoop() {
    List<Pending> group = new ArrayList<>(maxBatch);
    while (open || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(group, maxBatch - 1);
      write(group);
      group.clear();
    }
    IllegalStateException closed = new IllegalStateException("The attempt recorder is closed");
    for (Pending left; (left = queue.poll()) != null; ) {
      left.committed().completeExceptionally(closed);
    }
  }

  private void write(List<Pending> group) {
    try {
      recorder.recordAll(group.stream().map(Pending::outcome).toList());
      group.forEach(p -> p.committed().complete(null));
    } catch (RuntimeException e) {
      if (group.size() == 1 || !worthWritingAlone(e)) {
        group.forEach(p -> p.committed().completeExceptionally(e));
        return;
      }
      log.warn("Recording a group of {} attempts failed ({}); recording them one by one", group.size(), e.getMessage());
      for (Pending p : group) {
        try {
          recorder.recordAll(List.of(p.outcome()));
          p.committed().complete(null);
        } catch (RuntimeException alone) {
          p.committed().completeExceptionally(alone);
        }
      }
    }
  }

  /**
   * Whether a failed group should be retried member by member: yes if something in it may be at
   * fault; no if the database is unreachable or the failure was transient (a deadlock, a
   * serialization failure) — then every member fails now and its caller retries.
   */
  private static boolean worthWritingAlone(RuntimeException e) {
    return e instanceof DataAccessException
        && !(e instanceof DataAccessResourceFailureException)
        && !(e instanceof TransientDataAccessException);
  }

  /** Writes what is queued, then stops; later calls to {@link #record} fail. */
  @Override
  public void close() {
    open = false;
    if (writer != null) {
      try {
        writer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
