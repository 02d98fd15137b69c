package app.smartcomply.webhooks.web;

import io.swagger.v3.oas.annotations.media.Schema;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Event types", description = "The catalog of events you can subscribe to.")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
class EventTypeController {

  private final EventCatalog catalog;

  EventTypeController(EventCatalog catalog) {
    this.catalog = catalog;
  }

  @Schema(name = "EventType")
  record EventTypeView(String name, String description, JsonNode schema, JsonNode example, boolean reserved) {
    static EventTypeView of(EventType type) {
      return new EventTypeView(type.name(), type.description(), type.schema(), type.example(), type.reserved());
    }
  }

  @GetMapping(path = "/api/v1/webhooks/event-types", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "List event types",
      description = "Each type with its description, the JSON Schema of its data and an example payload. "
          + "Reserved types are sent by the webhook service itself.")
  ListResponse<EventTypeView> list(Caller.Customer caller) {
    return new ListResponse<>(catalog.all().stream().map(EventTypeView::of).toList(), false);
  }
}
