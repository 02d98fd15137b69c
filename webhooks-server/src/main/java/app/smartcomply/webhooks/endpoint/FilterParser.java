package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.endpoint.PayloadFilter.Condition;
import app.smartcomply.webhooks.endpoint.PayloadFilter.ValueTest;
import app.smartcomply.webhooks.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a filter as a customer sends it and builds the {@link PayloadFilter}; every refusal is a
 * 400 whose {@code param} points into the filter ({@code filter.$or[1].severity.$in}).
 *
 * <p>Codes: {@code invalid_filter} (not an object, or a malformed part), {@code
 * unknown_filter_operator}, {@code invalid_filter_operand} (wrong type for the operator), {@code
 * invalid_filter_field} (an empty or malformed path), {@code filter_too_complex} (past the bounds
 * below: it runs for every event inside the publish, so it stays small).
 */
final class FilterParser {

    /** Largest filter, as compact JSON. */
    static final int MAX_BYTES = 4 * 1024;
    /** Deepest nesting of {@code $and}/{@code $or}/{@code $not}. */
    static final int MAX_DEPTH = 5;
    /** Most conditions (paths and operators) in one filter. */
    static final int MAX_CONDITIONS = 50;
    /** Most values in one {@code $in}/{@code $nin}. */
    static final int MAX_LIST = 100;
    /** Most steps in one dotted path, and longest path. */
    static final int MAX_PATH_STEPS = 10;

    static final int MAX_PATH_LENGTH = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> LOGICAL = Set.of("$and", "$or", "$not");

    private final Map<String, String> fields = new LinkedHashMap<>();
    private int conditions;

    private FilterParser() {}

    /** The filter, or a 400 naming the part that is wrong. */
    static PayloadFilter parse(JsonNode filter) {
        if (filter == null || !filter.isObject()) {
            throw new InvalidInputException(
                    "invalid_filter",
                    "filter",
                    "filter must be an object, e.g. {\"severity\": {\"$in\": [\"high\", \"critical\"]}}, or null for none.");
        }
        String json = JSON.writeValueAsString(filter);
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException(
                    "filter_too_complex", "filter", "filter is limited to " + MAX_BYTES + " bytes of JSON.");
        }
        FilterParser parser = new FilterParser();
        Condition root = parser.document(filter, "filter", 0);
        return new PayloadFilter(root, parser.fields, json);
    }

    private Condition document(JsonNode filter, String param, int depth) {
        if (!filter.isObject()) {
            throw new InvalidInputException("invalid_filter", param, param + " must be an object (a filter).");
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(
                    "filter_too_complex", param, "filter nests $and, $or and $not at most " + MAX_DEPTH + " deep.");
        }
        List<Condition> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : filter.properties()) {
            String key = entry.getKey();
            String at = param + "." + key;
            count(at);
            if (key.startsWith("$")) {
                all.add(logical(key, entry.getValue(), at, depth));
            } else {
                List<String> path = path(key, at);
                fields.putIfAbsent(key, at);
                all.add(new PayloadFilter.OnPath(path, valueTest(entry.getValue(), at, depth)));
            }
        }
        return all.size() == 1 ? all.getFirst() : new PayloadFilter.All(all);
    }

    private Condition logical(String operator, JsonNode operand, String at, int depth) {
        switch (operator) {
            case "$and", "$or" -> {
                if (!operand.isArray() || operand.isEmpty()) {
                    throw new InvalidInputException(
                            "invalid_filter_operand", at, operator + " takes a non-empty array of filters.");
                }
                List<Condition> parts = new ArrayList<>();
                for (int i = 0; i < operand.size(); i++) {
                    parts.add(document(operand.get(i), at + "[" + i + "]", depth + 1));
                }
                return operator.equals("$and") ? new PayloadFilter.All(parts) : new PayloadFilter.Any(parts);
            }
            case "$not" -> {
                if (!operand.isObject() || operand.isEmpty()) {
                    throw new InvalidInputException(
                            "invalid_filter_operand", at, "$not here takes a non-empty filter object.");
                }
                return new PayloadFilter.Not(document(operand, at, depth + 1));
            }
            default -> throw unknownOperator(operator, at, "$and, $or or $not (or a field path)");
        }
    }

    /** A literal (equality), or an object of operators. */
    private ValueTest valueTest(JsonNode value, String at, int depth) {
        if (!isOperatorObject(value, at)) {
            requireFinite(value, at);
            return v -> PayloadFilter.matchesEquality(v, value);
        }
        List<ValueTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String operator = entry.getKey();
            JsonNode operand = entry.getValue();
            String here = at + "." + operator;
            count(here);
            requireFinite(operand, here);
            tests.add(
                    switch (operator) {
                        case "$eq" -> v -> PayloadFilter.matchesEquality(v, operand);
                        case "$ne" -> v -> !PayloadFilter.matchesEquality(v, operand);
                        case "$in" -> in(operand, here);
                        case "$nin" -> {
                            ValueTest in = in(operand, here);
                            yield v -> !in.test(v);
                        }
                        case "$gt" -> order(operand, here, 1, false);
                        case "$gte" -> order(operand, here, 1, true);
                        case "$lt" -> order(operand, here, -1, false);
                        case "$lte" -> order(operand, here, -1, true);
                        case "$exists" -> {
                            if (!operand.isBoolean()) {
                                throw new InvalidInputException(
                                        "invalid_filter_operand", here, "$exists takes true or false.");
                            }
                            boolean wanted = operand.asBoolean();
                            yield v -> (v != null) == wanted;
                        }
                        case "$not" -> {
                            if (depth + 1 > MAX_DEPTH) {
                                throw new InvalidInputException(
                                        "filter_too_complex",
                                        here,
                                        "filter nests $and, $or and $not at most " + MAX_DEPTH + " deep.");
                            }
                            if (!operand.isObject() || operand.isEmpty() || !isOperatorObject(operand, here)) {
                                throw new InvalidInputException(
                                        "invalid_filter_operand",
                                        here,
                                        "$not on a field takes an object of operators, e.g. {\"$not\": {\"$in\": [\"low\"]}}.");
                            }
                            ValueTest inner = valueTest(operand, here, depth + 1);
                            yield v -> !inner.test(v);
                        }
                        default ->
                            throw unknownOperator(operator, here, "$eq $ne $in $nin $gt $gte $lt $lte $exists $not");
                    });
        }
        return ValueTest.all(tests);
    }

    /** True for {"$op": …}; a plain object is a literal; mixing the two is refused. */
    private static boolean isOperatorObject(JsonNode value, String at) {
        if (!value.isObject() || value.isEmpty()) {
            return false;
        }
        int operators = 0;
        for (String key : value.propertyNames()) {
            if (key.startsWith("$")) {
                operators++;
            }
        }
        if (operators != 0 && operators != value.size()) {
            throw new InvalidInputException(
                    "invalid_filter",
                    at,
                    at + " mixes operators ($…) and field names; put nested fields in the path instead (a.b).");
        }
        return operators > 0;
    }

    private static ValueTest in(JsonNode operand, String at) {
        if (!operand.isArray()) {
            throw new InvalidInputException(
                    "invalid_filter_operand", at, at.substring(at.lastIndexOf('.') + 1) + " takes an array of values.");
        }
        if (operand.size() > MAX_LIST) {
            throw new InvalidInputException(
                    "filter_too_complex", at, "A list in a filter holds at most " + MAX_LIST + " values.");
        }
        List<JsonNode> values = new ArrayList<>();
        operand.forEach(values::add);
        return v -> {
            for (JsonNode candidate : values) {
                if (PayloadFilter.matchesEquality(v, candidate)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static ValueTest order(JsonNode operand, String at, int wanted, boolean orEqual) {
        if (!operand.isNumber() && !operand.isString()) {
            throw new InvalidInputException(
                    "invalid_filter_operand",
                    at,
                    at.substring(at.lastIndexOf('.') + 1) + " takes a number or a string.");
        }
        return v -> PayloadFilter.matchesOrder(v, operand, wanted, orEqual);
    }

    /**
     * Refuses a number past a double's range (1e400): it would be kept as the string "Infinity",
     * and the filter would silently stop matching the numbers it was written for.
     */
    private static void requireFinite(JsonNode operand, String at) {
        if (operand.isFloatingPointNumber() && !Double.isFinite(operand.asDouble())) {
            throw new InvalidInputException(
                    "invalid_filter_operand", at, "Numbers in a filter must be finite (at most about 1.8e308).");
        }
        for (JsonNode element : operand.values()) {
            requireFinite(element, at);
        }
    }

    private static List<String> path(String key, String at) {
        String[] steps = key.split("\\.", -1);
        if (key.length() > MAX_PATH_LENGTH || steps.length > MAX_PATH_STEPS) {
            throw new InvalidInputException(
                    "invalid_filter_field",
                    at,
                    "A field path has at most " + MAX_PATH_STEPS + " steps and " + MAX_PATH_LENGTH + " characters.");
        }
        for (String step : steps) {
            if (step.isEmpty() || step.startsWith("$")) {
                throw new InvalidInputException(
                        "invalid_filter_field",
                        at,
                        "A field path is names joined by dots, e.g. vendor.tier; no empty names, none starting with $.");
            }
        }
        return List.of(steps);
    }

    private void count(String at) {
        if (++conditions > MAX_CONDITIONS) {
            throw new InvalidInputException(
                    "filter_too_complex", at, "A filter has at most " + MAX_CONDITIONS + " fields and operators.");
        }
    }

    private static InvalidInputException unknownOperator(String operator, String at, String known) {
        String shown = operator.length() <= 40 ? operator : operator.substring(0, 40) + "…";
        return new InvalidInputException(
                "unknown_filter_operator", at, "Unknown operator '" + shown + "'. Use " + known + ".");
    }
}
