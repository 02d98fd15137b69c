package app.smartcomply.webhooks.bench.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code webhooks_purged_rows_total{table}} from the service's {@code /actuator/prometheus}:
 * the rows its retention purge has deleted since it started, per table.
 */
public final class PurgeCounters {

    private static final String METRIC = "webhooks_purged_rows_total{";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    public PurgeCounters(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Rows deleted so far, by table (events, deliveries, attempts, ...). */
    public Map<String, Long> read() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10))
                .build();
        String body;
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("/actuator/prometheus answered " + answer.statusCode());
            }
            body = answer.body();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read /actuator/prometheus: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, Long> rows = new TreeMap<>();
        for (String line : body.split("\n")) {
            if (!line.startsWith(METRIC)) {
                continue;
            }
            int tableAt = line.indexOf("table=\"");
            int close = line.lastIndexOf('}');
            if (tableAt < 0 || close < 0) {
                continue;
            }
            String table = line.substring(tableAt + 7, line.indexOf('"', tableAt + 7));
            rows.merge(
                    table, (long) Double.parseDouble(line.substring(close + 1).trim()), Long::sum);
        }
        return rows;
    }

    /** Events, deliveries and attempts deleted so far (the rows of the event purge). */
    public static long eventRows(Map<String, Long> rows) {
        return rows.getOrDefault("events", 0L)
                + rows.getOrDefault("deliveries", 0L)
                + rows.getOrDefault("attempts", 0L);
    }
}
