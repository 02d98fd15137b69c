package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The event catalog: every type with its description, data schema and an example payload. */
@Controller
class CatalogPageController {

    private final EventCatalog catalog;
    private final JsonMapper json;

    CatalogPageController(EventCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    /**
     * @param example the whole payload a receiver gets for this type — envelope included, since
     *     that is what a handler parses
     */
    record TypeView(EventType type, String schema, String example) {}

    @GetMapping("/dashboard/event-types")
    String catalog(Model model) {
        model.addAttribute("types", catalog.all().stream().map(this::view).toList());
        model.addAttribute("nav", "event-types");
        return "dashboard/event-types";
    }

    private TypeView view(EventType type) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("id", "evt_0196a1b2c3d4e5f6a7b8c9d0e1f2a3b4");
        envelope.put("type", type.name());
        envelope.put("created_at", "2026-05-05T14:00:00.000Z");
        envelope.set("data", type.example());
        return new TypeView(type, PrettyJson.format(type.schema()), PrettyJson.format(envelope));
    }
}
