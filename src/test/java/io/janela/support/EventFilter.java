package io.janela.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lambda's event filtering (the EventBridge pattern syntax of an event source mapping's
 * {@code FilterCriteria}), for the parts Janela's template uses: nested objects, exact values,
 * {@code prefix}, {@code exists} and {@code anything-but}. A pattern matches a record when every
 * field it names matches; a field's list matches when any of its entries does; an array in the
 * record matches when any of its elements does. Any other operator fails loudly, so the template
 * cannot use syntax this evaluator would get wrong.
 */
public final class EventFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventFilter() {
    }

    /** Whether any of the patterns (Lambda ORs a mapping's filters) lets the record through. */
    public static boolean passes(List<String> patterns, JsonNode record) {
        return patterns.stream().anyMatch(pattern -> matches(parse(pattern), record));
    }

    public static JsonNode parse(String pattern) {
        try {
            return JSON.readTree(pattern);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON pattern: " + pattern, e);
        }
    }

    public static boolean matches(JsonNode pattern, JsonNode event) {
        if (!pattern.isObject()) {
            throw new IllegalArgumentException("a pattern is an object of fields: " + pattern);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = event == null ? null : event.get(field.getKey());
            boolean matched = field.getValue().isObject()
                    ? matches(field.getValue(), value != null && value.isObject() ? value : null)
                    : leafMatches(field.getKey(), field.getValue(), value);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private static boolean leafMatches(String name, JsonNode matchers, JsonNode value) {
        if (!matchers.isArray()) {
            throw new IllegalArgumentException(name + ": a field's values are a list: " + matchers);
        }
        for (JsonNode matcher : matchers) {
            if (value != null && value.isArray()) {
                for (JsonNode element : value) {
                    if (matcherMatches(name, matcher, element)) {
                        return true;
                    }
                }
                if (matcher.isObject() && matcher.has("exists") && matcherMatches(name, matcher, value)) {
                    return true;
                }
            } else if (matcherMatches(name, matcher, value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code value} is null when the record has no such field. */
    private static boolean matcherMatches(String name, JsonNode matcher, JsonNode value) {
        if (!matcher.isObject()) {
            return value != null && !value.isObject() && !value.isArray() && sameScalar(matcher, value);
        }
        if (matcher.size() != 1) {
            throw new IllegalArgumentException(name + ": one operator per matcher: " + matcher);
        }
        String operator = matcher.fieldNames().next();
        JsonNode operand = matcher.get(operator);
        return switch (operator) {
            case "exists" -> operand.asBoolean() == (value != null && !value.isObject());
            case "prefix" -> value != null && value.isTextual() && value.asText().startsWith(operand.asText());
            case "anything-but" -> value != null && !value.isObject() && !value.isArray() && anythingBut(name, operand, value);
            default -> throw new IllegalArgumentException(name + ": an operator this evaluator does not know: " + operator);
        };
    }

    private static boolean anythingBut(String name, JsonNode excluded, JsonNode value) {
        if (excluded.isArray()) {
            for (JsonNode each : excluded) {
                if (sameScalar(each, value)) {
                    return false;
                }
            }
            return true;
        }
        if (excluded.isObject()) {
            if (excluded.has("prefix") && excluded.size() == 1) {
                return !(value.isTextual() && value.asText().startsWith(excluded.get("prefix").asText()));
            }
            throw new IllegalArgumentException(name + ": anything-but takes values or a prefix: " + excluded);
        }
        return !sameScalar(excluded, value);
    }

    /** Strings compare as strings, numbers as numbers (Lambda compares "5" and 5 apart). */
    private static boolean sameScalar(JsonNode expected, JsonNode value) {
        if (expected.isNumber() && value.isNumber()) {
            return expected.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        return expected.getNodeType() == value.getNodeType() && expected.asText().equals(value.asText());
    }
}
