package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.event.Event;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Events on the wire: the very payload endpoints receive — {@code id, type, created_at, data}. */
final class EventViews {

  private EventViews() {}

  static JsonNode of(Event event, JsonMapper json) {
    return json.readTree(event.payload());
  }
}
