package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events on the wire: the very payload endpoints receive — {@code id, type, created_at, data} —
 * followed by {@code mode} ({@code live} or {@code test}). Receivers get the payload alone: the
 * mode is told to API callers, not added to what is signed and sent.
 */
final class EventViews {

    private EventViews() {}

    static JsonNode of(Event event, JsonMapper json) {
        ObjectNode node = (ObjectNode) json.readTree(event.payload());
        node.put("mode", event.mode().wire());
        return node;
    }

    /**
     * The same as bytes, without parsing the payload: it is compact JSON of one object, so the mode
     * goes in before its closing brace.
     */
    static byte[] bytes(Event event) {
        byte[] payload = event.payload();
        byte[] mode = (",\"mode\":\"" + event.mode().wire() + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] view = Arrays.copyOf(payload, payload.length - 1 + mode.length);
        System.arraycopy(mode, 0, view, payload.length - 1, mode.length);
        return view;
    }
}
