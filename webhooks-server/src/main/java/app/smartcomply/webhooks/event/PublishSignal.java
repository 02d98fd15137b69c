package app.smartcomply.webhooks.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Tells whoever follows the events table on this node that an event was committed — so that a
 * {@code webhooks listen} stream wakes at once instead of at its next poll. Other nodes do not
 * hear it; their streams find the event at their next poll.
 */
@Component
public class PublishSignal {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Runs {@code listener} after every commit of an event on this node; it must return at once. */
    public void whenPublished(Runnable listener) {
        listeners.add(listener);
    }

    /** Removes a listener added with {@link #whenPublished}. */
    public void remove(Runnable listener) {
        listeners.remove(listener);
    }

    /**
     * Whether anything follows the events on this node now. The publish path asks first, so that a
     * node with no listen stream registers no after-commit action per publish.
     */
    boolean anyListening() {
        return !listeners.isEmpty();
    }

    /** An event committed. Call after the commit, never inside the transaction. */
    void published() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
