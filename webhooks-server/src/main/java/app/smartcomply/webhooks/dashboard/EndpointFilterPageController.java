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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Editing an endpoint's filter in the dashboard: the filter as JSON text in a form, saved through
 * {@link EndpointOptions} with the same checks as the API; a refused filter comes back with the
 * message and the part of the filter it names. An empty text removes the filter.
 */
@Controller
@RequestMapping(SignInController.HOME)
class EndpointFilterPageController {

    /** Longest text accepted from the form; the filter itself is limited further when checked. */
    static final int MAX_TEXT = 16 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EndpointService endpoints;
    private final EndpointOptions options;

    EndpointFilterPageController(EndpointService endpoints, EndpointOptions options) {
        this.endpoints = endpoints;
        this.options = options;
    }

    @GetMapping("/{id}/filter")
    String form(Viewer viewer, @PathVariable String id, Model model) {
        Endpoint endpoint = endpoints.get(viewer.accountId(), viewer.mode(), id);
        return form(model, endpoint, endpoint.filter() == null ? "" : PrettyJson.format(endpoint.filter()), null);
    }

    @PostMapping("/{id}/filter")
    String save(
            Viewer viewer,
            @PathVariable String id,
            @RequestParam(name = "filter", defaultValue = "") String text,
            HttpServletResponse response,
            Model model) {
        Endpoint endpoint = endpoints.get(viewer.accountId(), viewer.mode(), id);
        try {
            JsonNode filter = parse(text);
            options.update(
                    viewer.accountId(),
                    viewer.mode(),
                    id,
                    new EndpointPatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                    new EndpointOptions.Options(Optional.empty(), Optional.of(filter)),
                    viewer.audit());
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, endpoint, text, e.getMessage() + (e.param() == null ? "" : " (" + e.param() + ")"));
        }
        return "redirect:" + SignInController.HOME + "/" + id;
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return JSON.nullNode();
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException("filter_too_complex", "filter", "The filter is too long.");
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInputException("invalid_filter", "filter", "The filter is not valid JSON.");
        }
    }

    private static String form(Model model, Endpoint endpoint, String text, String error) {
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("filterText", text);
        model.addAttribute("error", error);
        model.addAttribute("nav", "webhooks");
        return "dashboard/filter";
    }
}
