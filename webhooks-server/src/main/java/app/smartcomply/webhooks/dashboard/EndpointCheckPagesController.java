package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.check.EndpointCheck;
import app.smartcomply.webhooks.check.EndpointChecks;
import app.smartcomply.webhooks.check.EndpointOwner;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.RateLimitedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * "Check my endpoint": starts a conformance check from the endpoint page and shows its result, case
 * by case with the advice for each failure. The result page refreshes itself (htmx) while the
 * check runs. Starting while a check runs leads to the running one.
 */
@Controller
@RequestMapping(SignInController.HOME + "/{id}")
class EndpointCheckPagesController {

    private final EndpointChecks checks;
    private final EndpointService endpoints;

    EndpointCheckPagesController(EndpointChecks checks, EndpointService endpoints) {
        this.checks = checks;
        this.endpoints = endpoints;
    }

    @PostMapping("/check")
    String start(Viewer viewer, @PathVariable String id) {
        EndpointOwner owner = new EndpointOwner(viewer.accountId(), viewer.mode());
        String base = SignInController.HOME + "/" + id;
        try {
            return "redirect:" + base + "/checks/"
                    + checks.start(owner, id, viewer.audit()).id();
        } catch (ConflictException e) {
            return checks.list(owner, id).stream()
                    .filter(c -> EndpointCheck.RUNNING.equals(c.status()))
                    .findFirst()
                    .map(running -> "redirect:" + base + "/checks/" + running.id())
                    .orElse("redirect:" + base + "?notice=" + e.code());
        } catch (RateLimitedException e) {
            return "redirect:" + base + "?notice=check_busy";
        }
    }

    @GetMapping("/checks/{checkId}")
    String result(Viewer viewer, @PathVariable String id, @PathVariable String checkId, Model model) {
        EndpointOwner owner = new EndpointOwner(viewer.accountId(), viewer.mode());
        model.addAttribute("endpoint", endpoints.get(viewer.accountId(), viewer.mode(), id));
        model.addAttribute("check", checks.get(owner, id, checkId));
        model.addAttribute("nav", "webhooks");
        return "dashboard/endpoint-check";
    }
}
