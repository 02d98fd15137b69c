package app.smartcomply.webhooks.notice;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.delivery.EndpointHealthListener;
import app.smartcomply.webhooks.endpoint.EndpointDisabled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what the delivery engine records into notices, each once per state change of an endpoint's
 * run of failures: {@link EndpointNotice.Kind#FAILING} after {@link #FAILING_NOTICE_AFTER} without a
 * success, {@link EndpointNotice.Kind#DISABLED} when the service switched it off, {@link
 * EndpointNotice.Kind#RECOVERED} at the first success after either; and every dead-lettered
 * delivery. Hands them to the {@link NoticeChannel}s, inside the recording transaction, so the
 * ledger's claim and whatever a channel writes commit together with the attempts.
 *
 * <p>Only live endpoints are noticed: test mode is a customer's rehearsal, whose endpoints fail and
 * are disabled as usual (and announce it in the test world with {@code webhook.endpoint.disabled})
 * but mail nobody and concern no operator.
 */
@Component
class EndpointNotices implements EndpointHealthListener {

    /** How long an endpoint fails without a single success before its account is told. */
    static final Duration FAILING_NOTICE_AFTER = Duration.ofHours(24);

    /** Bound of the per-node memory of claims made; past it, the memory starts again. */
    private static final int MAX_REMEMBERED = 10_000;

    private final NoticeLedger ledger;
    private final List<NoticeChannel> channels;
    /** Endpoints disabled in the recording now running on this thread, until {@link #recorded} reads them. */
    private final Map<String, EndpointDisabled> justDisabled = new ConcurrentHashMap<>();
    /**
     * Runs of failures ({@code failing_since} per endpoint) whose "failing" notice this node already
     * claimed or found claimed: spares the ledger a write on every later failure of the run.
     */
    private final Map<String, Long> failingClaimed = new ConcurrentHashMap<>();

    EndpointNotices(NoticeLedger ledger, List<NoticeChannel> channels) {
        this.ledger = ledger;
        this.channels = List.copyOf(channels);
    }

    /** Published inside {@code disableAutomatically}, on the recording thread, before {@link #recorded}. */
    @EventListener
    void on(EndpointDisabled disabled) {
        if (justDisabled.size() >= MAX_REMEMBERED) {
            justDisabled.clear();
        }
        justDisabled.put(disabled.endpointId(), disabled);
    }

    @Override
    public void recorded(List<EndpointOutcome> endpoints, List<DeadLetter> deadLettered, long at) {
        List<String> succeeded = new ArrayList<>();
        for (EndpointOutcome outcome : endpoints) {
            EndpointDisabled disabled = justDisabled.remove(outcome.endpointId());
            if (disabled != null) {
                disabled(disabled, outcome.lastError());
            } else if (outcome.succeeded()) {
                succeeded.add(outcome.endpointId());
                failingClaimed.remove(outcome.endpointId());
            } else if (outcome.failingSince() != null
                    && at - outcome.failingSince() >= FAILING_NOTICE_AFTER.toMillis()) {
                failing(outcome, at);
            }
        }
        ledger.recovered(succeeded)
                .forEach((endpointId, failingSince) -> ledger.liveOwner(endpointId)
                        .ifPresent(owner -> tell(new EndpointNotice(
                                EndpointNotice.Kind.RECOVERED,
                                owner.accountId(),
                                endpointId,
                                owner.url(),
                                null,
                                null,
                                failingSince,
                                at))));
        for (DeadLetter dead : deadLettered) {
            if (ledger.liveOwner(dead.endpointId()).isPresent()) {
                channels.forEach(channel -> channel.deadLettered(dead, at));
            }
        }
    }

    private void disabled(EndpointDisabled disabled, String lastError) {
        if (disabled.mode() != ApiKeyMode.LIVE) {
            return;
        }
        long run = disabled.failingSince() != null ? disabled.failingSince() : disabled.disabledAt();
        if (ledger.claimDisabled(disabled.endpointId(), run, disabled.disabledAt())) {
            tell(new EndpointNotice(
                    EndpointNotice.Kind.DISABLED,
                    disabled.accountId(),
                    disabled.endpointId(),
                    disabled.url(),
                    disabled.reason(),
                    lastError,
                    disabled.failingSince(),
                    disabled.disabledAt()));
        }
    }

    private void failing(EndpointOutcome outcome, long at) {
        Long known = failingClaimed.get(outcome.endpointId());
        if (outcome.failingSince().equals(known)) {
            return;
        }
        if (failingClaimed.size() >= MAX_REMEMBERED) {
            failingClaimed.clear();
        }
        failingClaimed.put(outcome.endpointId(), outcome.failingSince());
        if (ledger.claimFailing(outcome.endpointId(), outcome.failingSince(), at)) {
            ledger.liveOwner(outcome.endpointId())
                    .ifPresent(owner -> tell(new EndpointNotice(
                            EndpointNotice.Kind.FAILING,
                            owner.accountId(),
                            outcome.endpointId(),
                            owner.url(),
                            null,
                            outcome.lastError(),
                            outcome.failingSince(),
                            at)));
        }
    }

    private void tell(EndpointNotice notice) {
        channels.forEach(channel -> channel.endpoint(notice));
    }
}
