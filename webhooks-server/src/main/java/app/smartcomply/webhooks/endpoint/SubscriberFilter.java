package app.smartcomply.webhooks.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publish path's filter step: of an event's subscribers, those whose filter the event's
 * {@code data} matches (a subscriber without a filter always does). Runs inside the publish
 * transaction, so it only evaluates: stored filters were checked when saved, and each is parsed
 * once and remembered by its text (bounded: past {@link #MAX_FILTERS} the memory is refilled).
 */
@Component
public class SubscriberFilter {

    static final int MAX_FILTERS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(SubscriberFilter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConcurrentHashMap<String, PayloadFilter> parsed = new ConcurrentHashMap<>();

    /** The subscribers that get this event, in the given order. */
    public List<Subscriber> matching(List<Subscriber> subscribers, JsonNode data) {
        List<Subscriber> matching = null;
        for (int i = 0; i < subscribers.size(); i++) {
            Subscriber subscriber = subscribers.get(i);
            boolean keep = subscriber.filter() == null || filter(subscriber).matches(data);
            if (!keep && matching == null) {
                matching = new ArrayList<>(subscribers.subList(0, i)); // copy only once something is left out
            } else if (keep && matching != null) {
                matching.add(subscriber);
            }
        }
        return matching == null ? subscribers : matching;
    }

    private PayloadFilter filter(Subscriber subscriber) {
        PayloadFilter known = parsed.get(subscriber.filter());
        if (known != null) {
            return known;
        }
        PayloadFilter filter;
        try {
            filter = FilterParser.parse(JSON.readTree(subscriber.filter()));
        } catch (RuntimeException e) {
            // Cannot happen for a filter saved through the API; if the row was edited by hand, deliver
            // rather than silently drop the endpoint's events.
            log.warn(
                    "The stored filter of endpoint {} is not valid and is ignored: {}",
                    subscriber.id(),
                    e.getMessage());
            filter = FilterParser.parse(JSON.createObjectNode());
        }
        if (parsed.size() >= MAX_FILTERS) {
            parsed.clear();
        }
        parsed.put(subscriber.filter(), filter);
        return filter;
    }
}
