package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The event catalog, for any valid key: customers choose what to subscribe to from it, and
 * SmartComply's own services (the admin key) check what they may publish. It holds nothing of an
 * account's, so it needs no account.
 */
@RestController
@Tag(name = "Event types", description = "The catalog of events you can subscribe to.")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
class EventTypeController {

    private final EventCatalog catalog;

    EventTypeController(EventCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param source {@code built_in}, or {@code file:<name>} for a type the operator added from the
     *     catalog directory
     */
    @Schema(name = "EventType")
    record EventTypeView(
            String name,
            int version,
            String description,
            JsonNode schema,
            JsonNode example,
            boolean reserved,
            boolean deprecated,
            String source) {
        static EventTypeView of(EventType type) {
            return new EventTypeView(
                    type.name(),
                    type.version(),
                    type.description(),
                    type.schema(),
                    type.example(),
                    type.reserved(),
                    type.deprecated(),
                    type.source());
        }
    }

    @GetMapping(path = "/api/v1/webhooks/event-types", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listEventTypes",
            summary = "List event types",
            description =
                    "Each type with its version, description, the JSON Schema of its data and an example payload; "
                            + "source is built_in or file:<name> for a type added by the operator. A type may be listed in several "
                            + "versions: events are validated against the highest. Deprecated types are still delivered. Reserved "
                            + "types are sent by the webhook service itself. Readable with an account key or the admin key.")
    ListResponse<EventTypeView> list() {
        return new ListResponse<>(
                catalog.allVersions().stream().map(EventTypeView::of).toList(), false);
    }
}
