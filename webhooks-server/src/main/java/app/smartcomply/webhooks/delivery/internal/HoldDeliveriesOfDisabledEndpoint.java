package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.EndpointDisabled;
import app.smartcomply.webhooks.endpoint.EndpointStatus;
import app.smartcomply.webhooks.endpoint.EndpointUpdated;
import app.smartcomply.webhooks.store.AfterCommit;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A disabled endpoint's pending deliveries wait for it outside the queue, and come back when it
 * is enabled again. Both happen in the transaction that switches the endpoint.
 *
 * <p>Held, a delivery has no due time ({@code next_attempt_at} is null), so no claim reads it. If
 * they stayed due, they would sit at the head of the queue, oldest first, for as long as the
 * endpoint is off. Every claim would walk them and skip them by the endpoint's status. Once there
 * are more of them than a claim reads at a time ({@link DueCandidates#WINDOW}), claims would find
 * nothing in the window, and every other endpoint's waiting deliveries would only be taken by the
 * occasional read past it: a few hundred a second instead of thousands.
 *
 * <p>A delivery under a live lease at that moment is held too, and keeps its lease: claims stay off
 * it while its attempt runs, and the attempt's outcome keeps the hold — a retry is written held,
 * not due ({@link DeliverySql#retryUnlessHeld}), also when the endpoint was disabled by the very group that
 * records it (an auto-disable runs before the group's outcomes are written). A lease that has run
 * out protects nothing — its node died or gave up — and is cleared; should that node write an
 * outcome after all, it no longer matches, as when another node has taken the delivery. So every
 * pending delivery of a disabled endpoint is held. On enabling, every held delivery is due at once;
 * one still under a live lease is claimed only once that runs out, as usual.
 */
@Component
class HoldDeliveriesOfDisabledEndpoint {

    private final DeliverySql sql;
    private final DispatchSignal signal;

    HoldDeliveriesOfDisabledEndpoint(DeliverySql sql, DispatchSignal signal) {
        this.sql = sql;
        this.signal = signal;
    }

    @EventListener
    void on(EndpointUpdated updated) {
        if (updated.previousStatus() == EndpointStatus.ACTIVE && updated.status() == EndpointStatus.DISABLED) {
            hold(updated.endpointId(), updated.updatedAt());
        } else if (updated.previousStatus() == EndpointStatus.DISABLED && updated.status() == EndpointStatus.ACTIVE) {
            release(updated.endpointId(), updated.updatedAt());
        }
    }

    @EventListener
    void on(EndpointDisabled disabled) {
        hold(disabled.endpointId(), disabled.disabledAt());
    }

    private void hold(String endpointId, long at) {
        sql.holdOfDisabledEndpoint(endpointId, at);
    }

    /** Makes every held delivery of the endpoint due now, and wakes the engines once that is committed. */
    private void release(String endpointId, long at) {
        if (sql.releaseOfEnabledEndpoint(endpointId, at) > 0) {
            AfterCommit.run(() -> signal.workAdded(List.of(endpointId)));
        }
    }
}
