package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.delivery.DeliveryFilter;
import app.smartcomply.webhooks.delivery.DeliveryStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The delivery log's filters and page, as they travel in the query string: {@code status}, {@code
 * type}, {@code range} ({@code 1h}, {@code 24h}, {@code 7d}, {@code 30d}; absent = any time) and
 * {@code after} (the last delivery id of the previous page). Values that make no sense are
 * dropped rather than refused: a hand-edited link still shows a log.
 */
record LogQuery(String status, String type, String range, String after) {

    /** The time-range choices, in the order the picker shows them. */
    static final Map<String, String> RANGES = rangeLabels();

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9_.]{1,100}");
    private static final Pattern DELIVERY_ID = Pattern.compile("whd_[0-9a-f]{32}");

    LogQuery {
        status = status != null && DeliveryStatus.fromWireName(status) != null ? status : null;
        type = type != null && TYPE_NAME.matcher(type).matches() ? type : null;
        range = range != null && RANGES.containsKey(range) && !range.isEmpty() ? range : null;
        after = after != null && DELIVERY_ID.matcher(after).matches() ? after : null;
    }

    static LogQuery firstPage() {
        return new LogQuery(null, null, null, null);
    }

    static LogQuery failedOnly(String after) {
        return new LogQuery(DeliveryStatus.FAILED.wireName(), null, null, after);
    }

    DeliveryFilter toFilter(String endpointId, long now) {
        Long from = range == null ? null : now - duration(range).toMillis();
        return new DeliveryFilter(endpointId, DeliveryStatus.fromWireName(status), type, null, from, null);
    }

    public boolean filtered() {
        return status != null || type != null || range != null;
    }

    LogQuery withAfter(String cursor) {
        return new LogQuery(status, type, range, cursor);
    }

    /** {@code path} with this query's non-empty parameters, properly encoded. */
    String url(String path) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (status != null) {
            uri.queryParam("status", status);
        }
        if (type != null) {
            uri.queryParam("type", type);
        }
        if (range != null) {
            uri.queryParam("range", range);
        }
        if (after != null) {
            uri.queryParam("after", after);
        }
        return uri.encode().build().toUriString();
    }

    private static Duration duration(String range) {
        return switch (range) {
            case "1h" -> Duration.ofHours(1);
            case "24h" -> Duration.ofHours(24);
            case "7d" -> Duration.ofDays(7);
            case "30d" -> Duration.ofDays(30);
            default -> throw new IllegalArgumentException(range);
        };
    }

    private static Map<String, String> rangeLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("", "Any time");
        labels.put("1h", "Last hour");
        labels.put("24h", "Last 24 hours");
        labels.put("7d", "Last 7 days");
        labels.put("30d", "Last 30 days");
        return labels;
    }
}
