package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointOptions;
import app.smartcomply.webhooks.endpoint.EndpointPatch;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.error.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An endpoint's delivery order in the dashboard: unordered, or in order ({@code fifo}) with an
 * optional key, saved through {@link EndpointOptions} with the same checks as the API; a refused
 * key comes back with the message. An empty key means one line for the whole endpoint.
 */
@Controller
@RequestMapping(SignInController.HOME)
class EndpointOrderingPageController {

    /** Longest key accepted from the form; a key is limited further when checked. */
    static final int MAX_KEY = 1024;

    private final EndpointService endpoints;
    private final EndpointOptions options;

    EndpointOrderingPageController(EndpointService endpoints, EndpointOptions options) {
        this.endpoints = endpoints;
        this.options = options;
    }

    @GetMapping("/{id}/ordering")
    String form(Viewer viewer, @PathVariable String id, Model model) {
        Endpoint endpoint = endpoints.get(viewer.accountId(), viewer.mode(), id);
        String key = endpoint.ordering().key();
        return form(model, endpoint, endpoint.ordering().wire(), key == null ? "" : key, null);
    }

    @PostMapping("/{id}/ordering")
    String save(
            Viewer viewer,
            @PathVariable String id,
            @RequestParam(name = "ordering", defaultValue = "none") String ordering,
            @RequestParam(name = "ordering_key", defaultValue = "") String key,
            HttpServletResponse response,
            Model model) {
        Endpoint endpoint = endpoints.get(viewer.accountId(), viewer.mode(), id);
        String trimmed = key.trim();
        try {
            if (trimmed.length() > MAX_KEY) {
                throw new InvalidInputException("invalid_ordering_key", "ordering_key", "The key is too long.");
            }
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            // Unordered has no key: the key field is ignored then, not refused.
            JsonNode keyNode =
                    trimmed.isEmpty() || !ordering.equals("fifo") ? nodes.nullNode() : nodes.stringNode(trimmed);
            options.update(
                    viewer.accountId(),
                    viewer.mode(),
                    id,
                    new EndpointPatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                    new EndpointOptions.Options(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(nodes.stringNode(ordering)),
                            Optional.of(keyNode),
                            Optional.empty()),
                    viewer.audit());
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, endpoint, ordering, trimmed, e.getMessage());
        }
        return "redirect:" + SignInController.HOME + "/" + id;
    }

    private static String form(Model model, Endpoint endpoint, String ordering, String key, String error) {
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("ordered", ordering.equals("fifo"));
        model.addAttribute("orderingKey", key);
        model.addAttribute("error", error);
        model.addAttribute("nav", "webhooks");
        return "dashboard/ordering";
    }
}
