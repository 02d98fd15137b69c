package app.smartcomply.webhooks.dashboard;

import java.util.List;

/**
 * One page of an endpoint's delivery log, ready to render.
 *
 * @param pollUrl where the log re-reads itself, or null when it should not (older pages)
 * @param pollEvery htmx interval: quick while something is on its way, relaxed otherwise
 * @param olderUrl the next (older) page, or null on the last one
 * @param newestUrl the first page with the same filters, or null when this is it
 */
record LogView(
        List<DeliveryRow> rows,
        boolean filtered,
        String pollUrl,
        String pollEvery,
        String olderUrl,
        String newestUrl) {}
