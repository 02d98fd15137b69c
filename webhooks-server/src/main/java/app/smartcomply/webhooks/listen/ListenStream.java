package app.smartcomply.webhooks.listen;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.event.Event;
import app.smartcomply.webhooks.event.EventFeed;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One CLI's connection: sends the session message, then every matching event after the cursor in
 * id (publication) order, each with its id as the SSE {@code id} — the cursor the CLI sends back
 * as {@code Last-Event-ID} when it reconnects. Ends after {@code maxConnection}, when a write
 * fails, or when the service stops.
 *
 * <p>An event whose id was drawn before another's may commit after it. So each look goes back
 * {@link #REORDER_WINDOW_MS} before the cursor and skips what this connection already sent: an
 * event that commits that late is still sent, once, on the same connection.
 */
final class ListenStream implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ListenStream.class);

    /** How far before the cursor (in id time) a look goes for events that committed late. */
    static final long REORDER_WINDOW_MS = 5_000;

    private static final int PAGE = 200;

    private final ListenSessions.Opened session;
    private final ListenSink sink;
    private final EventFeed feed;
    private final ListenSessions sessions;
    private final EventCatalog catalog;
    private final PrefixedIds ids;
    private final JsonMapper json;
    private final ListenProperties properties;
    private final Semaphore wake = new Semaphore(0);
    private final TreeSet<String> sentRecently = new TreeSet<>();
    private final Set<String> types;
    private volatile boolean stopped;
    private final String start;
    private String cursor;

    ListenStream(
            ListenSessions.Opened session,
            String cursor,
            ListenSink sink,
            EventFeed feed,
            ListenSessions sessions,
            EventCatalog catalog,
            PrefixedIds ids,
            JsonMapper json,
            ListenProperties properties) {
        this.session = session;
        this.cursor = cursor;
        this.start = cursor;
        this.sink = sink;
        this.feed = feed;
        this.sessions = sessions;
        this.catalog = catalog;
        this.ids = ids;
        this.json = json;
        this.properties = properties;
        this.types = new HashSet<>(session.endpoint().eventTypes());
    }

    String accountId() {
        return session.endpoint().accountId();
    }

    String sessionId() {
        return session.endpoint().id();
    }

    /** An event may have committed: look now. Returns at once. */
    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Ends the stream at its next step. */
    void stop() {
        stopped = true;
        wake();
    }

    @Override
    public void run() {
        long end = System.nanoTime() + properties.maxConnection().toNanos();
        long nextHeartbeat = System.nanoTime() + properties.heartbeat().toNanos();
        try {
            sink.send(null, "session", sessionMessage());
            while (!stopped && System.nanoTime() < end) {
                sendNewEvents();
                if (System.nanoTime() >= nextHeartbeat) {
                    sink.keepAlive();
                    sessions.seen(sessionId());
                    nextHeartbeat = System.nanoTime() + properties.heartbeat().toNanos();
                }
                long untilHeartbeat = Math.max(1, nextHeartbeat - System.nanoTime());
                long wait = Math.min(properties.pollInterval().toNanos(), untilHeartbeat);
                if (wake.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                    wake.drainPermits();
                }
            }
        } catch (IOException e) {
            log.debug("Listen stream of {} ended: {}", sessionId(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The store failed, say: end this stream; the CLI reconnects and resumes from its cursor.
            log.warn("Listen stream of {} failed", sessionId(), e);
        } finally {
            try {
                sessions.seen(sessionId());
            } catch (RuntimeException e) {
                log.debug("Could not mark listen session {} as seen", sessionId(), e);
            }
            sink.close();
        }
    }

    private void sendNewEvents() throws IOException {
        String position = lookFrom();
        while (!stopped) {
            List<Event> page = feed.after(
                    session.endpoint().accountId(), session.endpoint().mode(), position, PAGE);
            for (Event event : page) {
                position = event.id();
                if (!sentRecently.add(event.id())) {
                    continue; // this connection had it already
                }
                if (event.id().compareTo(cursor) > 0) {
                    cursor = event.id();
                }
                if (wanted(event.type())) {
                    sink.send(event.id(), "delivery", deliveryMessage(event));
                }
            }
            // What lies below the next look's start is never read again.
            sentRecently.headSet(lookFrom()).clear();
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /**
     * Where a look starts: the reorder window before the cursor, but never before where the
     * connection began — what came before that was the business of an earlier connection.
     */
    private String lookFrom() {
        if (!PrefixedIds.isWellFormed(cursor, "evt_")) {
            return cursor;
        }
        long from = Math.max(0, PrefixedIds.millisOf(cursor, "evt_") - REORDER_WINDOW_MS);
        String lowest = PrefixedIds.lowestAt("evt_", from);
        return lowest.compareTo(start) > 0 ? lowest : start;
    }

    /** {@code *} means every type but the service's own {@code webhook.*} events, sent to endpoints singly. */
    private boolean wanted(String type) {
        if (types.contains(type)) {
            return true;
        }
        return types.contains("*") && catalog.find(type).map(t -> !t.reserved()).orElse(true);
    }

    private String sessionMessage() {
        Endpoint endpoint = session.endpoint();
        ObjectNode message = json.createObjectNode();
        message.put("session_id", endpoint.id());
        message.put("resumed", session.resumed());
        if (session.signingSecret() != null) {
            message.put("signing_secret", session.signingSecret());
        }
        message.putPOJO("events", endpoint.eventTypes());
        message.put("mode", endpoint.mode().wire());
        return json.writeValueAsString(message);
    }

    /**
     * Two lines: the forward's metadata as JSON, then the event's payload byte for byte (compact
     * JSON, so one line), which the CLI must forward unchanged for the signature to hold.
     */
    private String deliveryMessage(Event event) {
        ObjectNode meta = json.createObjectNode();
        meta.put("delivery_id", ids.next("whd_"));
        meta.put("event_id", event.id());
        meta.put("event_type", event.type());
        meta.put("attempt", 1);
        return json.writeValueAsString(meta) + "\n" + new String(event.payload(), StandardCharsets.UTF_8);
    }
}
