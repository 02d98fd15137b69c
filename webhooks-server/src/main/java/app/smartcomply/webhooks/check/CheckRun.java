package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.delivery.GuardedPost;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the requests of one check in order, grades each answer and stores the cases as they come,
 * then marks the check completed. Runs on its own virtual thread, off the request that started it.
 *
 * <p>Bounded: each request by the check's request timeout, the whole series by its maximum
 * duration (real time, since what is waited for is real sockets); a case whose turn comes after
 * that is not sent and fails as not run. When the endpoint gives no answer at all to the valid
 * request (unreachable, refused by the SSRF guard, timed out), the rest is not sent either.
 */
final class CheckRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CheckRun.class);

    private final String checkId;
    private final String url;
    private final CheckRequests requests;
    private final CheckGrader grader;
    private final GuardedPost post;
    private final CheckStore store;
    private final Clock clock;
    private final Duration requestTimeout;
    private final long deadlineNanos;
    private final List<CaseResult> cases = new ArrayList<>(CheckCase.values().length);

    CheckRun(
            String checkId,
            String url,
            CheckRequests requests,
            CheckGrader grader,
            GuardedPost post,
            CheckStore store,
            Clock clock,
            CheckProperties properties) {
        this.checkId = checkId;
        this.url = url;
        this.requests = requests;
        this.grader = grader;
        this.post = post;
        this.store = store;
        this.clock = clock;
        this.requestTimeout = properties.requestTimeout();
        this.deadlineNanos = System.nanoTime() + properties.maxDuration().toNanos();
    }

    @Override
    public void run() {
        try {
            sendAll();
        } catch (RuntimeException e) {
            log.error("Endpoint check {} failed inside the service", checkId, e);
            notRunFromHere("the check stopped because of an error in the service");
        }
        store.complete(checkId, cases, clock.millis());
    }

    private void sendAll() {
        Observed first = send(requests.valid());
        record(grader.valid(first));
        if (first.status() == null) {
            notRunFromHere("your endpoint gave no answer to the valid request");
            return;
        }
        for (CheckCase hostile : List.of(
                CheckCase.FORGED_SIGNATURE,
                CheckCase.STALE_TIMESTAMP,
                CheckCase.TAMPERED_BODY,
                CheckCase.MISSING_SIGNATURE)) {
            if (outOfTime()) {
                return;
            }
            CheckRequests.Probe probe = switch (hostile) {
                case FORGED_SIGNATURE -> requests.forged();
                case STALE_TIMESTAMP -> requests.stale();
                case TAMPERED_BODY -> requests.tampered();
                default -> requests.unsigned();
            };
            record(grader.hostile(hostile, send(probe)));
        }
        if (outOfTime()) {
            return;
        }
        Observed validLast = send(requests.rotation(true));
        if (outOfTime()) {
            return;
        }
        record(grader.rotation(validLast, send(requests.rotation(false))));
        if (outOfTime()) {
            return;
        }
        record(grader.duplicate(send(requests.duplicate())));
    }

    private Observed send(CheckRequests.Probe probe) {
        long remainingMs = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        Duration timeout = requestTimeout.toMillis() < remainingMs ? requestTimeout : Duration.ofMillis(remainingMs);
        long sentAt = clock.millis();
        GuardedPost.Answer answer = post.post(url, probe.headers(), probe.body(), timeout);
        return new Observed(answer.status(), answer.error(), answer.timedOut(), Math.max(0, clock.millis() - sentAt));
    }

    private boolean outOfTime() {
        if (System.nanoTime() < deadlineNanos) {
            return false;
        }
        notRunFromHere("the check's time ran out");
        return true;
    }

    private void record(CaseResult result) {
        cases.add(result);
        store.saveCases(checkId, cases);
    }

    /** Fails every case not graded yet as not sent, for {@code why}. */
    private void notRunFromHere(String why) {
        for (CheckCase c : CheckCase.values()) {
            if (c.ordinal() >= cases.size()) {
                cases.add(grader.notRun(c, why));
            }
        }
    }
}
