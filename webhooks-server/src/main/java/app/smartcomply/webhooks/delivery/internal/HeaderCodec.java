package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Stores header lists as JSON arrays of {@code [name, value]} pairs: order and repeated names
 * survive, which a JSON object would lose.
 */
final class HeaderCodec {

  private final JsonMapper json;

  HeaderCodec(JsonMapper json) {
    this.json = json;
  }

  String encode(List<Header> headers) {
    ArrayNode array = json.createArrayNode();
    for (Header header : headers) {
      array.addArray().add(header.name()).add(header.value());
    }
    return json.writeValueAsString(array);
  }

  List<Header> decode(String stored) {
    if (stored == null || stored.isEmpty()) {
      return List.of();
    }
    List<Header> headers = new ArrayList<>();
    for (JsonNode pair : json.readTree(stored)) {
      headers.add(new Header(pair.get(0).asString(), pair.get(1).asString()));
    }
    return headers;
  }
}
