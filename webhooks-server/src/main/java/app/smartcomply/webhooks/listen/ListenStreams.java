package app.smartcomply.webhooks.listen;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.event.EventFeed;
import app.smartcomply.webhooks.event.PublishSignal;
import app.smartcomply.webhooks.store.PrefixedIds;
import jakarta.annotation.PreDestroy;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The listen streams of this node: starts each on its own virtual thread, wakes them all when an
 * event commits here, and knows which sessions are connected (the sweep leaves those alone).
 */
@Service
public class ListenStreams {

    /** Most streams one account may have open on one node. */
    static final int MAX_STREAMS_PER_ACCOUNT = 20;

    private final EventFeed feed;
    private final ListenSessions sessions;
    private final EventCatalog catalog;
    private final PrefixedIds ids;
    private final JsonMapper json;
    private final ListenProperties properties;
    private final Set<ListenStream> open = ConcurrentHashMap.newKeySet();

    ListenStreams(
            EventFeed feed,
            ListenSessions sessions,
            EventCatalog catalog,
            PrefixedIds ids,
            JsonMapper json,
            ListenProperties properties,
            PublishSignal published) {
        this.feed = feed;
        this.sessions = sessions;
        this.catalog = catalog;
        this.ids = ids;
        this.json = json;
        this.properties = properties;
        published.whenPublished(() -> open.forEach(ListenStream::wake));
    }

    /**
     * The cursor a stream starts after: the {@code Last-Event-ID} the CLI sent, or — without one —
     * the session's opening, so a session receives everything published since it was opened.
     *
     * @throws InvalidInputException {@code invalid_last_event_id} if it is not an event id
     */
    public static String startingCursor(String lastEventId) {
        if (lastEventId != null && !lastEventId.isEmpty() && !PrefixedIds.isWellFormed(lastEventId, "evt_")) {
            throw new InvalidInputException(
                    "invalid_last_event_id",
                    "Last-Event-ID",
                    "Last-Event-ID must be the id of the last event received (evt_ and 32 hex digits).");
        }
        return lastEventId == null || lastEventId.isEmpty() ? null : lastEventId;
    }

    /**
     * Streams the session's events after {@code cursor} (null: since the session was opened) into
     * {@code sink}, on a thread of its own.
     *
     * @return what ends the stream early: for the web layer to run when it learns the client left
     * @throws ConflictException {@code too_many_listeners} if the account's streams filled up since
     *     {@link #checkRoomFor}: counted and added under one lock, so a burst cannot slip past the cap
     */
    public Runnable start(ListenSessions.Opened session, String cursor, ListenSink sink) {
        if (cursor == null) {
            cursor = PrefixedIds.lowestAt("evt_", session.endpoint().createdAt());
        }
        ListenStream stream = new ListenStream(session, cursor, sink, feed, sessions, catalog, ids, json, properties);
        synchronized (open) {
            checkRoomFor(stream.accountId());
            open.add(stream);
        }
        Thread.ofVirtual().name("listen-" + session.endpoint().id()).start(() -> {
            try {
                stream.run();
            } finally {
                open.remove(stream);
            }
        });
        return stream::stop;
    }

    /** The sessions with a stream open on this node. */
    Set<String> connected() {
        Set<String> ids = new HashSet<>();
        open.forEach(stream -> ids.add(stream.sessionId()));
        return ids;
    }

    /**
     * Refuses a new stream when the account already has {@link #MAX_STREAMS_PER_ACCOUNT} open on this
     * node: each holds a thread and looks at the store every poll interval. A quick look before a
     * session is opened; {@link #start} counts again under its lock.
     *
     * @throws ConflictException {@code too_many_listeners}
     */
    public void checkRoomFor(String accountId) {
        long open =
                this.open.stream().filter(s -> s.accountId().equals(accountId)).count();
        if (open >= MAX_STREAMS_PER_ACCOUNT) {
            throw new ConflictException(
                    "too_many_listeners",
                    null,
                    "This account has " + open
                            + " listen streams open on this node, the most it may have. Stop one (or wait for it to time out).");
        }
    }

    /**
     * The service is stopping: every stream ends, and its CLI reconnects to another node or later.
     * On the context's close, before the web server's graceful shutdown, which would otherwise wait
     * for these never-ending responses.
     */
    @EventListener(ContextClosedEvent.class)
    void contextClosing() {
        stopAll();
    }

    @PreDestroy
    void stopAll() {
        open.forEach(ListenStream::stop);
    }
}
