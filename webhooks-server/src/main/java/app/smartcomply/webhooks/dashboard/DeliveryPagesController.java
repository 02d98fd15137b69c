package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.delivery.Delivery;
import app.smartcomply.webhooks.delivery.DeliveryDetail;
import app.smartcomply.webhooks.delivery.DeliveryLog;
import app.smartcomply.webhooks.delivery.DeliveryStatus;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.RateLimitedException;
import app.smartcomply.webhooks.event.PublishedEvent;
import app.smartcomply.webhooks.event.TestEventSender;
import app.smartcomply.webhooks.store.Page;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Deliveries: the endpoint's log (also as a fragment that htmx re-reads), Send test event, one
 * delivery's full request/response cycle with Retry, and the failed (dead-letter) list with
 * Recover.
 */
@Controller
class DeliveryPagesController {

    static final String DELIVERIES = "/dashboard/deliveries";

    /** Recover's "since" choices: how far back to re-queue failed deliveries. */
    static final Map<String, String> RECOVER_WINDOWS = recoverWindows();

    private final EndpointService endpoints;
    private final DeliveryLog deliveries;
    private final TestEventSender testEvents;
    private final EndpointDetailPage detailPage;
    private final DisplayTime time;

    DeliveryPagesController(
            EndpointService endpoints,
            DeliveryLog deliveries,
            TestEventSender testEvents,
            EndpointDetailPage detailPage,
            DisplayTime time) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.testEvents = testEvents;
        this.detailPage = detailPage;
        this.time = time;
    }

    @GetMapping(SignInController.HOME + "/{id}/log")
    String logFragment(
            Viewer viewer,
            @PathVariable String id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String range,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "false") boolean stats,
            Model model) {
        LogQuery query = new LogQuery(status, type, range, after);
        if (stats) {
            detailPage.fill(model, viewer, id, query);
        } else {
            detailPage.fillLog(model, viewer, id, query);
        }
        model.addAttribute("withStats", stats);
        return "dashboard/log :: live";
    }

    /**
     * Fires {@code webhook.test}. From htmx the answer is the refreshed log (which then keeps
     * refreshing until the delivery settles) plus a status line; without JavaScript, a redirect.
     */
    @PostMapping(SignInController.HOME + "/{id}/test")
    String sendTest(
            Viewer viewer,
            @PathVariable String id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        String base = SignInController.HOME + "/" + id;
        try {
            PublishedEvent sent = testEvents.sendTo(viewer.accountId(), viewer.mode(), id, viewer.audit());
            model.addAttribute("sentEvent", sent);
        } catch (ConflictException | RateLimitedException e) {
            String code = e instanceof ConflictException conflict ? conflict.code() : "test_rate_limited";
            if (htmx == null) {
                return "redirect:" + base + "?notice=" + code;
            }
            model.addAttribute("notice", Notice.of(code, null).orElse(new Notice("error", e.getMessage())));
            detailPage.fillLog(model, viewer, id, LogQuery.firstPage());
            model.addAttribute("withStats", false);
            return "dashboard/log :: live";
        }
        if (htmx == null) {
            return "redirect:" + base + "?notice=test_sent";
        }
        model.addAttribute("notice", Notice.of("test_sent", null).orElseThrow());
        detailPage.fill(model, viewer, id, LogQuery.firstPage());
        model.addAttribute("withStats", true);
        return "dashboard/log :: live";
    }

    @GetMapping(SignInController.HOME + "/{id}/failed")
    String failed(
            Viewer viewer,
            @PathVariable String id,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String notice,
            @RequestParam(required = false) Integer count,
            Model model) {
        Endpoint endpoint = endpoints.get(viewer.accountId(), viewer.mode(), id);
        LogQuery query = LogQuery.failedOnly(after);
        Page<Delivery> page = deliveries.list(
                viewer.accountId(),
                viewer.mode(),
                query.toFilter(id, time.now()),
                EndpointDetailPage.LOG_PAGE_SIZE,
                query.after());
        String base = SignInController.HOME + "/" + id + "/failed";
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("rows", page.data().stream().map(DeliveryRow::of).toList());
        model.addAttribute(
                "olderUrl",
                page.hasMore() ? base + "?after=" + page.data().getLast().id() : null);
        model.addAttribute("newestUrl", after == null ? null : base);
        model.addAttribute("windows", RECOVER_WINDOWS);
        model.addAttribute("notice", Notice.of(notice, count).orElse(null));
        model.addAttribute("nav", "webhooks");
        return "dashboard/failed";
    }

    @PostMapping(SignInController.HOME + "/{id}/recover")
    String recover(Viewer viewer, @PathVariable String id, @RequestParam(defaultValue = "7d") String since) {
        String base = SignInController.HOME + "/" + id + "/failed";
        long from = switch (since) {
            case "24h" -> time.now() - Duration.ofHours(24).toMillis();
            case "3d" -> time.now() - Duration.ofDays(3).toMillis();
            case "30d" -> time.now() - Duration.ofDays(30).toMillis();
            case "all" -> 0L;
            default -> time.now() - Duration.ofDays(7).toMillis();
        };
        try {
            int count = deliveries.recover(viewer.accountId(), viewer.mode(), id, from, viewer.audit());
            return "redirect:" + base + "?notice=recovered&count=" + count;
        } catch (ConflictException e) {
            return "redirect:" + base + "?notice=" + e.code();
        }
    }

    @GetMapping(DELIVERIES + "/{id}")
    String delivery(
            Viewer viewer, @PathVariable String id, @RequestParam(required = false) String notice, Model model) {
        DeliveryDetail detail = deliveries.get(viewer.accountId(), viewer.mode(), id);
        Delivery delivery = detail.delivery();
        Endpoint endpoint = endpoints
                .find(viewer.accountId(), viewer.mode(), delivery.endpointId())
                .orElse(null);
        model.addAttribute("page", DeliveryPage.of(detail));
        // While on its way the page re-reads itself: quickly when an attempt is due now, slowly otherwise.
        boolean pending = delivery.status() == DeliveryStatus.PENDING;
        boolean dueSoon = delivery.attemptDueBy(time.now() + 30_000);
        model.addAttribute("pollEvery", !pending ? null : dueSoon ? "every 2s" : "every 15s");
        model.addAttribute("delivery", delivery);
        model.addAttribute("row", DeliveryRow.of(delivery));
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("notice", Notice.of(notice, null).orElse(null));
        model.addAttribute("nav", "webhooks");
        return "dashboard/delivery";
    }

    @PostMapping(DELIVERIES + "/{id}/retry")
    String retry(Viewer viewer, @PathVariable String id) {
        try {
            deliveries.retry(viewer.accountId(), viewer.mode(), id, viewer.audit());
            return "redirect:" + DELIVERIES + "/" + id + "?notice=retried";
        } catch (ConflictException e) {
            return "redirect:" + DELIVERIES + "/" + id + "?notice=" + e.code();
        }
    }

    private static Map<String, String> recoverWindows() {
        Map<String, String> windows = new LinkedHashMap<>();
        windows.put("24h", "Failed in the last 24 hours");
        windows.put("3d", "Last 3 days");
        windows.put("7d", "Last 7 days");
        windows.put("30d", "Last 30 days");
        windows.put("all", "All failed deliveries");
        return windows;
    }
}
