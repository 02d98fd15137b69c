package app.smartcomply.webhooks.bench.report;

import app.smartcomply.webhooks.bench.service.ProcStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One scenario's result: printed as a two-column table and written as JSON under the results
 * directory ({@code <scenario>[-<store>]-<UTC time>.json}).
 */
public final class Report {

    public static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final String name;
    private final ObjectNode root = JSON.createObjectNode();
    private final List<String[]> rows = new ArrayList<>();

    public Report(String scenario, String store) {
        this.name = store == null ? scenario : scenario + "-" + store;
        root.put("scenario", scenario);
        if (store != null) {
            root.put("store", store);
        }
        root.put("started_at", java.time.Instant.now().toString());
        root.set("machine", Machine.describe());
    }

    /** Adds a value to the JSON (dotted names nest) and a line to the table. */
    public Report row(String label, String jsonPath, Object value, String shown) {
        put(jsonPath, value);
        rows.add(new String[] {label, shown});
        return this;
    }

    /** A number, shown formatted and followed by {@code unit}. */
    public Report metric(String label, String jsonPath, double value, String unit) {
        return row(label, jsonPath, (Object) value, format(value) + (unit.isEmpty() ? "" : " " + unit));
    }

    public Report heading(String text) {
        rows.add(new String[] {"", ""});
        rows.add(new String[] {"== " + text, ""});
        return this;
    }

    public Report latency(String label, String jsonPath, Percentiles p) {
        put(jsonPath, p);
        rows.add(new String[] {
            label,
            p.count() == 0
                    ? "no samples"
                    : String.format(
                            Locale.ROOT,
                            "p50 %s  p95 %s  p99 %s  max %s ms  (n=%d)",
                            format(p.p50()),
                            format(p.p95()),
                            format(p.p99()),
                            format(p.max()),
                            p.count())
        });
        return this;
    }

    /** JSON only. */
    public Report put(String jsonPath, Object value) {
        String[] parts = jsonPath.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], JSON.valueToTree(value));
        return this;
    }

    public void note(String text) {
        rows.add(new String[] {"note", text});
        JsonNode notes = root.get("notes");
        (notes == null ? root.putArray("notes") : (tools.jackson.databind.node.ArrayNode) notes).add(text);
    }

    /** Prints the table and writes the JSON; returns the file written. */
    public Path finish(Path resultsDir) {
        root.put("finished_at", java.time.Instant.now().toString());
        root.put("load_average_at_end", ProcStats.loadAverage());
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        StringBuilder table = new StringBuilder("\n" + name + "\n" + "-".repeat(name.length()) + "\n");
        for (String[] row : rows) {
            table.append(row[1].isEmpty() ? row[0] : String.format(Locale.ROOT, "%-" + width + "s  %s", row[0], row[1]))
                    .append('\n');
        }
        System.out.print(table);
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = resultsDir.resolve(name + "-" + stamp + ".json");
        try {
            Files.createDirectories(resultsDir);
            Files.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("JSON: " + file);
        return file;
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100 || (value == Math.rint(value) && Math.abs(value) < 1e15)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
