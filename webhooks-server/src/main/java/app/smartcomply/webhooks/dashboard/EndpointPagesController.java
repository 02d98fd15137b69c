package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.delivery.DeliveryStats;
import app.smartcomply.webhooks.endpoint.CreatedEndpoint;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointOptions;
import app.smartcomply.webhooks.endpoint.EndpointPatch;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.endpoint.EndpointStatus;
import app.smartcomply.webhooks.endpoint.RotatedSecret;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.event.EndpointReplays;
import app.smartcomply.webhooks.store.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Webhooks: the endpoint list, adding and editing endpoints, switching them on and off,
 * deleting them, and rotating their signing secrets. A new secret is shown on the page that
 * answers the form, once; it is never stored anywhere it could be shown again.
 */
@Controller
@RequestMapping(SignInController.HOME)
class EndpointPagesController {

    static final int PAGE_SIZE = 50;
    static final Duration RECENT = Duration.ofHours(24);

    /** Grace-period choices for a rotation, in seconds, with the words the form shows. */
    static final Map<Long, String> GRACE_PERIODS = gracePeriods();

    static final long DEFAULT_GRACE_SECONDS = 86_400;

    private final EndpointService endpoints;
    private final DeliveryStats stats;
    private final EventCatalog catalog;
    private final DisplayTime time;
    private final EndpointDetailPage detailPage;
    private final EndpointOptions options;
    private final EndpointReplays replays;

    EndpointPagesController(
            EndpointService endpoints,
            DeliveryStats stats,
            EventCatalog catalog,
            DisplayTime time,
            EndpointDetailPage detailPage,
            EndpointOptions options,
            EndpointReplays replays) {
        this.options = options;
        this.replays = replays;
        this.endpoints = endpoints;
        this.stats = stats;
        this.catalog = catalog;
        this.time = time;
        this.detailPage = detailPage;
    }

    /** A line of the endpoint list. {@code rate} is null when there were no recent attempts. */
    record EndpointRow(Endpoint endpoint, DeliveryStats.SuccessRate rate) {}

    @GetMapping
    String list(
            Viewer viewer,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String notice,
            Model model) {
        Page<Endpoint> page = endpoints.list(viewer.accountId(), viewer.mode(), PAGE_SIZE, after);
        Map<String, DeliveryStats.SuccessRate> rates =
                stats.successRatesSince(viewer.accountId(), viewer.mode(), time.now() - RECENT.toMillis());
        model.addAttribute(
                "rows",
                page.data().stream()
                        .map(e -> new EndpointRow(e, rates.get(e.id())))
                        .toList());
        model.addAttribute(
                "olderUrl",
                page.hasMore()
                        ? SignInController.HOME + "?after="
                                + page.data().getLast().id()
                        : null);
        model.addAttribute("firstPage", after == null);
        model.addAttribute("notice", Notice.of(notice, null).orElse(null));
        model.addAttribute("nav", "webhooks");
        return "dashboard/endpoints";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        return form(model, EndpointForm.empty(), null);
    }

    @PostMapping
    String create(
            Viewer viewer,
            @RequestParam(defaultValue = "") String url,
            @RequestParam(name = "events", required = false) List<String> events,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String headers,
            @RequestParam(name = "rate_limit", defaultValue = "") String rateLimit,
            HttpServletResponse response,
            Model model) {
        EndpointForm form = new EndpointForm(url, events, description, rateLimit);
        model.addAttribute("headerLines", new HeaderLines(headers, false));
        if (!form.checkPresence()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, form, null);
        }
        CreatedEndpoint created;
        try {
            // Through the options: the rate limit is one.
            created = options.create(
                    viewer.accountId(),
                    viewer.mode(),
                    form.url(),
                    form.events(),
                    emptyToNull(form.description()),
                    new HeaderLines(headers, false).forCreate(),
                    Map.of(),
                    new EndpointOptions.Options(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            form.rateLimitOption(false)),
                    viewer.audit());
        } catch (InvalidInputException e) {
            form.reject(e);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, form, null);
        } catch (ConflictException e) {
            form.refuse(e.getMessage());
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return form(model, form, null);
        }
        model.addAttribute("endpoint", created.endpoint());
        model.addAttribute("secret", created.signingSecret());
        model.addAttribute("rotated", false);
        model.addAttribute("nav", "webhooks");
        return "dashboard/secret";
    }

    @GetMapping("/{id}")
    String detail(
            Viewer viewer,
            @PathVariable String id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String range,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String notice,
            Model model) {
        detailPage.fill(model, viewer, id, new LogQuery(status, type, range, after));
        model.addAttribute("notice", Notice.of(notice, null).orElse(null));
        model.addAttribute("verification", VerificationSnippets.of((Endpoint) model.getAttribute("endpoint")));
        model.addAttribute("replays", replays.list(viewer.accountId(), viewer.mode(), id));
        return "dashboard/endpoint";
    }

    @GetMapping("/{id}/edit")
    String editForm(Viewer viewer, @PathVariable String id, Model model) {
        Endpoint endpoint = endpoints.get(viewer.accountId(), viewer.mode(), id);
        return form(model, EndpointForm.of(endpoint), endpoint);
    }

    @PostMapping("/{id}")
    String update(
            Viewer viewer,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String url,
            @RequestParam(name = "events", required = false) List<String> events,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String headers,
            @RequestParam(name = "clear_headers", defaultValue = "false") boolean clearHeaders,
            @RequestParam(name = "rate_limit", defaultValue = "") String rateLimit,
            HttpServletResponse response,
            Model model) {
        Endpoint endpoint = endpoints.get(viewer.accountId(), viewer.mode(), id);
        EndpointForm form = new EndpointForm(url, events, description, rateLimit);
        HeaderLines headerLines = new HeaderLines(headers, clearHeaders);
        model.addAttribute("headerLines", headerLines);
        if (!form.checkPresence()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, form, endpoint);
        }
        try {
            // Through the options: new events are checked against the endpoint's filter.
            options.update(
                    viewer.accountId(),
                    viewer.mode(),
                    id,
                    new EndpointPatch(
                            Optional.of(form.url()),
                            Optional.of(form.events()),
                            Optional.of(form.description()),
                            Optional.empty(),
                            headerLines.forUpdate()),
                    new EndpointOptions.Options(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            form.rateLimitOption(true)),
                    viewer.audit());
        } catch (InvalidInputException e) {
            form.reject(e);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, form, endpoint);
        }
        return "redirect:" + SignInController.HOME + "/" + id + "?notice=saved";
    }

    @PostMapping("/{id}/enable")
    String enable(Viewer viewer, @PathVariable String id) {
        setStatus(viewer, id, EndpointStatus.ACTIVE);
        return "redirect:" + SignInController.HOME + "/" + id + "?notice=enabled";
    }

    @PostMapping("/{id}/disable")
    String disable(Viewer viewer, @PathVariable String id) {
        setStatus(viewer, id, EndpointStatus.DISABLED);
        return "redirect:" + SignInController.HOME + "/" + id + "?notice=disabled";
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(Viewer viewer, @PathVariable String id, Model model) {
        model.addAttribute("endpoint", endpoints.get(viewer.accountId(), viewer.mode(), id));
        model.addAttribute("nav", "webhooks");
        return "dashboard/delete";
    }

    @PostMapping("/{id}/delete")
    String delete(Viewer viewer, @PathVariable String id) {
        endpoints.delete(viewer.accountId(), viewer.mode(), id, viewer.audit());
        return "redirect:" + SignInController.HOME + "?notice=deleted";
    }

    @GetMapping("/{id}/rotate-secret")
    String rotateForm(Viewer viewer, @PathVariable String id, Model model) {
        return rotateForm(model, endpoints.get(viewer.accountId(), viewer.mode(), id), DEFAULT_GRACE_SECONDS, null);
    }

    @PostMapping("/{id}/rotate-secret")
    String rotate(
            Viewer viewer,
            @PathVariable String id,
            @RequestParam(name = "grace_period_seconds", defaultValue = "86400") long graceSeconds,
            HttpServletResponse response,
            Model model) {
        Endpoint endpoint = endpoints.get(viewer.accountId(), viewer.mode(), id);
        RotatedSecret rotated;
        try {
            rotated = endpoints.rotateSecret(
                    viewer.accountId(), viewer.mode(), id, Duration.ofSeconds(graceSeconds), viewer.audit());
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return rotateForm(model, endpoint, DEFAULT_GRACE_SECONDS, e.getMessage());
        }
        model.addAttribute("endpoint", endpoints.get(viewer.accountId(), viewer.mode(), id));
        model.addAttribute("secret", rotated.signingSecret());
        model.addAttribute("rotated", true);
        model.addAttribute("graceSeconds", graceSeconds);
        model.addAttribute("previousExpiresAt", rotated.previousSecretExpiresAt());
        model.addAttribute("nav", "webhooks");
        return "dashboard/secret";
    }

    private void setStatus(Viewer viewer, String id, EndpointStatus status) {
        endpoints.update(
                viewer.accountId(),
                viewer.mode(),
                id,
                new EndpointPatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(status)),
                viewer.audit());
    }

    private String form(Model model, EndpointForm form, Endpoint editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("customerEvents", form.choices(catalog, false));
        model.addAttribute("systemEvents", form.choices(catalog, true));
        model.addAttribute("nav", "webhooks");
        return "dashboard/endpoint-form";
    }

    private String rotateForm(Model model, Endpoint endpoint, long selected, String error) {
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("gracePeriods", GRACE_PERIODS);
        model.addAttribute("selectedGrace", selected);
        model.addAttribute("error", error);
        model.addAttribute("nav", "webhooks");
        return "dashboard/rotate";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Map<Long, String> gracePeriods() {
        Map<Long, String> periods = new LinkedHashMap<>();
        periods.put(0L, "None — the current secret stops working immediately");
        periods.put(3_600L, "1 hour");
        periods.put(86_400L, "24 hours (recommended)");
        periods.put(259_200L, "3 days");
        periods.put(604_800L, "7 days (the longest allowed)");
        return periods;
    }
}
