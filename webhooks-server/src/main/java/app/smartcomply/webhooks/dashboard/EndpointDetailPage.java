package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import app.smartcomply.webhooks.delivery.Delivery;
import app.smartcomply.webhooks.delivery.DeliveryLog;
import app.smartcomply.webhooks.delivery.DeliveryStats;
import app.smartcomply.webhooks.delivery.DeliveryStatus;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.store.Page;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Gathers what the endpoint detail page shows — the endpoint, its 24-hour chart and counts, and a
 * page of its delivery log — and the log alone, for the part of the page that refreshes itself.
 */
@Component
class EndpointDetailPage {

    static final int LOG_PAGE_SIZE = 20;
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long SOON = Duration.ofSeconds(30).toMillis();

    private final EndpointService endpoints;
    private final DeliveryLog deliveries;
    private final DeliveryStats stats;
    private final EventCatalog catalog;
    private final DisplayTime time;

    EndpointDetailPage(
            EndpointService endpoints,
            DeliveryLog deliveries,
            DeliveryStats stats,
            EventCatalog catalog,
            DisplayTime time) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.stats = stats;
        this.catalog = catalog;
        this.time = time;
    }

    /** Everything the full page needs. @throws app.smartcomply.webhooks.error.NotFoundException */
    void fill(Model model, Viewer viewer, String endpointId, LogQuery query) {
        Endpoint endpoint = endpoints.get(viewer.accountId(), viewer.mode(), endpointId);
        long now = time.now();
        long currentHour = now - Math.floorMod(now, HOUR);
        List<DeliveryStats.HourlyAttempts> hours =
                stats.hourly(viewer.accountId(), viewer.mode(), endpointId, currentHour - 23 * HOUR, 24);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("chart", ActivityChart.of(hours, time));
        long dayAgo = now - Duration.ofHours(24).toMillis();
        model.addAttribute(
                "rate",
                stats.successRatesSince(viewer.accountId(), viewer.mode(), dayAgo)
                        .get(endpointId));
        model.addAttribute("counts", stats.countsByStatus(viewer.accountId(), viewer.mode(), endpointId));
        model.addAttribute(
                "eventTypes", catalog.all().stream().map(EventType::name).toList());
        model.addAttribute("ranges", LogQuery.RANGES);
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("nav", "webhooks");
        fillLog(model, viewer, endpoint, query);
    }

    /** The log alone. @throws app.smartcomply.webhooks.error.NotFoundException */
    void fillLog(Model model, Viewer viewer, String endpointId, LogQuery query) {
        fillLog(model, viewer, endpoints.get(viewer.accountId(), viewer.mode(), endpointId), query);
    }

    private void fillLog(Model model, Viewer viewer, Endpoint endpoint, LogQuery query) {
        String base = SignInController.HOME + "/" + endpoint.id();
        Page<Delivery> page = deliveries.list(
                viewer.accountId(),
                viewer.mode(),
                query.toFilter(endpoint.id(), time.now()),
                LOG_PAGE_SIZE,
                query.after());

        boolean firstPage = query.after() == null;
        long now = time.now();
        // Quick polling only for deliveries about to be attempted; a retry due in an hour can wait.
        boolean inFlight = page.data().stream().anyMatch(d -> d.attemptDueBy(now + SOON));
        LogView log = new LogView(
                page.data().stream().map(DeliveryRow::of).toList(),
                query.filtered(),
                firstPage ? pollUrl(query.url(base + "/log"), inFlight) : null,
                inFlight ? "every 1s" : "every 10s",
                page.hasMore() ? query.withAfter(page.data().getLast().id()).url(base) : null,
                firstPage ? null : query.withAfter(null).url(base));
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("log", log);
        model.addAttribute("query", query);
    }

    /** While deliveries are settling, polls also ask for the figures and chart ({@code stats=1}). */
    private static String pollUrl(String logUrl, boolean inFlight) {
        return inFlight
                ? UriComponentsBuilder.fromUriString(logUrl)
                        .queryParam("stats", "1")
                        .build()
                        .toUriString()
                : logUrl;
    }
}
