package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.background.WakeUp;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Wakes the dispatcher when there may be new due work: a publish committed, an attempt finished
 * and freed a slot, a retry was requested, another node notified. Signals coalesce — many fires
 * while the dispatcher is busy make one wake-up.
 *
 * <p>Two kinds of wake-up: {@link #fire()} is for this node alone (a slot came free here);
 * {@link #workAdded()} is for work that any node could take (a publish or retry committed, leases
 * given back), so it also tells the other nodes — on PostgreSQL through {@code NOTIFY}.
 */
public final class DispatchSignal {

    private final WakeUp wakeUp = new WakeUp();
    private volatile Runnable otherNodes = () -> {};
    private final List<Consumer<Collection<String>>> workListeners = new CopyOnWriteArrayList<>();

    /** Says there may be work for this node. Cheap; call it freely. */
    public void fire() {
        wakeUp.fire();
    }

    /**
     * Says committed work is waiting that any node may take: wakes this node, and the others if a
     * cluster announcer is installed. Call it after the commit, never inside the transaction.
     */
    public void workAdded() {
        workAdded(List.of());
    }

    /**
     * {@link #workAdded()} for work of these endpoints only (empty: of any) — which lets the claims
     * tell whether it changes anything for them ({@link FruitlessReads}).
     */
    public void workAdded(Collection<String> endpointIds) {
        tellListeners(endpointIds);
        fire();
        otherNodes.run();
    }

    /**
     * Says another node committed work (its announcement arrived): wakes this node like {@link
     * #workAdded()}, without announcing it again.
     */
    void workAddedElsewhere() {
        tellListeners(List.of());
        fire();
    }

    /**
     * Installs something to run, before the wake-up, whenever work is added, with the endpoints the
     * work is for (empty: any); must return at once.
     */
    void whenWorkAdded(Consumer<Collection<String>> listener) {
        workListeners.add(listener);
    }

    private void tellListeners(Collection<String> endpointIds) {
        for (Consumer<Collection<String>> listener : workListeners) {
            listener.accept(endpointIds);
        }
    }

    /** Installs how {@link #workAdded()} reaches the other nodes; must return at once. */
    void announceToOtherNodesWith(Runnable announcer) {
        this.otherNodes = announcer;
    }

    /** What the dispatcher waits on between claims. */
    WakeUp wakeUp() {
        return wakeUp;
    }
}
