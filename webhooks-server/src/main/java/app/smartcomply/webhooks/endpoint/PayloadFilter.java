package app.smartcomply.webhooks.endpoint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A MongoDB-style query over an event's {@code data}, checked once when it is saved and evaluated
 * for every event an endpoint subscribes to.
 *
 * <p>A filter is an object. Each key is either a dotted path into {@code data} ({@code
 * "severity"}, {@code "vendor.tier"}) or a logical operator: {@code $and}/{@code $or} (a non-empty
 * array of filters) or {@code $not} (a filter; an extension of MongoDB's top level). A path's value
 * is a literal (equality) or an object of operators: {@code $eq $ne $in $nin $gt $gte $lt $lte
 * $exists $not}; several operators must all hold. The semantics are MongoDB's where they matter:
 * equality with an array field matches if any element is equal; {@code $ne}/{@code $nin}/{@code
 * $not} match a missing field; {@code null} equals a missing field; ordering compares numbers with
 * numbers and strings with strings (by code point), and is false across types; numbers are equal
 * by value ({@code 1} equals {@code 1.0}). Paths walk objects only.
 *
 * <p>Immutable and thread-safe. {@link FilterParser} builds it and states the bounds.
 */
public final class PayloadFilter {

    /** One condition over {@code data}. */
    interface Condition {
        boolean test(JsonNode data);
    }

    private final Condition root;
    private final Map<String, String> fields;
    private final String json;

    PayloadFilter(Condition root, Map<String, String> fields, String json) {
        this.root = root;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.json = json;
    }

    /** Whether the event's data matches. A data that is not an object matches only path-free filters. */
    public boolean matches(JsonNode data) {
        return root.test(data);
    }

    /** The dotted paths the filter reads, each with the {@code param} of its first use. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The filter as compact JSON, as it is stored and shown. */
    public String json() {
        return json;
    }

    @Override
    public String toString() {
        return "PayloadFilter" + json;
    }

    // ---- evaluation helpers, shared by the conditions FilterParser builds ----

    /** The value at a dotted path, or null when a step is missing or not an object. */
    static JsonNode resolve(JsonNode data, List<String> path) {
        JsonNode node = data;
        for (String step : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(step);
        }
        return node;
    }

    /** Equality as a filter means it: an array field matches if it or any element is equal. */
    static boolean matchesEquality(JsonNode value, JsonNode operand) {
        if (value == null) {
            return operand.isNull(); // null stands for "missing" too
        }
        if (same(value, operand)) {
            return true;
        }
        if (value.isArray() && !operand.isArray()) {
            for (JsonNode element : value) {
                if (same(element, operand)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Ordering: numbers with numbers, strings with strings; any element of an array field. */
    static boolean matchesOrder(JsonNode value, JsonNode operand, int wanted, boolean orEqual) {
        if (value == null) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (compares(element, operand, wanted, orEqual)) {
                    return true;
                }
            }
            return false;
        }
        return compares(value, operand, wanted, orEqual);
    }

    private static boolean compares(JsonNode value, JsonNode operand, int wanted, boolean orEqual) {
        int order;
        if (value.isNumber() && operand.isNumber()) {
            order = decimal(value).compareTo(decimal(operand));
        } else if (value.isString() && operand.isString()) {
            order = value.asString().compareTo(operand.asString());
        } else {
            return false;
        }
        return Integer.signum(order) == wanted || (orEqual && order == 0);
    }

    /** Deep JSON equality, with numbers equal by value. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = a.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !same(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static BigDecimal decimal(JsonNode number) {
        return number.decimalValue();
    }

    /** All of the conditions (an empty list is true). */
    record All(List<Condition> conditions) implements Condition {
        All {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean test(JsonNode data) {
            for (Condition condition : conditions) {
                if (!condition.test(data)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Any of the conditions. */
    record Any(List<Condition> conditions) implements Condition {
        Any {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean test(JsonNode data) {
            for (Condition condition : conditions) {
                if (condition.test(data)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The opposite of a condition. */
    record Not(Condition condition) implements Condition {
        @Override
        public boolean test(JsonNode data) {
            return !condition.test(data);
        }
    }

    /** A test of the value at a path (null when missing). */
    record OnPath(List<String> path, ValueTest test) implements Condition {
        OnPath {
            path = List.copyOf(path);
        }

        @Override
        public boolean test(JsonNode data) {
            return test.test(resolve(data, path));
        }
    }

    /** A test of one value, null meaning missing. */
    interface ValueTest {
        boolean test(JsonNode valueOrNull);

        static ValueTest all(List<ValueTest> tests) {
            List<ValueTest> copy = new ArrayList<>(tests);
            return value -> {
                for (ValueTest test : copy) {
                    if (!test.test(value)) {
                        return false;
                    }
                }
                return true;
            };
        }
    }
}
