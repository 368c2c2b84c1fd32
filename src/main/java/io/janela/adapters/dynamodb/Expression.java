package io.janela.adapters.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * An update expression built attribute by attribute, each set or removed; every attribute gets its
 * own {@code #name} and {@code :name}, so a condition can refer to them by the same placeholders.
 */
final class Expression {

    private final List<String> clauses = new ArrayList<>();
    private final List<String> removals = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    Expression set(String attribute, AttributeValue value) {
        bind(attribute, value);
        clauses.add("#" + attribute + " = :" + attribute);
        return this;
    }

    Expression setIfAbsent(String attribute, AttributeValue value) {
        bind(attribute, value);
        clauses.add("#" + attribute + " = if_not_exists(#" + attribute + ", :" + attribute + ")");
        return this;
    }

    Expression remove(String attribute) {
        names.put("#" + attribute, attribute);
        removals.add("#" + attribute);
        return this;
    }

    /** Set to {@code value} when there is one, removed when not. */
    Expression setOrRemove(String attribute, Optional<AttributeValue> value) {
        return value.isPresent() ? set(attribute, value.get()) : remove(attribute);
    }

    /** A value only the condition uses. */
    Expression conditionValue(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    Expression include(Expression other) {
        clauses.addAll(other.clauses);
        removals.addAll(other.removals);
        names.putAll(other.names);
        values.putAll(other.values);
        return this;
    }

    UpdateItemRequest.Builder applyTo(UpdateItemRequest.Builder request, String condition) {
        return request
                .updateExpression(update())
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values);
    }

    Update.Builder applyTo(Update.Builder update, String condition) {
        return update
                .updateExpression(update())
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values);
    }

    /** {@code SET ...} then {@code REMOVE ...}, each only when it has an attribute. */
    String update() {
        String set = clauses.isEmpty() ? "" : "SET " + String.join(", ", clauses);
        String remove = removals.isEmpty() ? "" : "REMOVE " + String.join(", ", removals);
        return (set + " " + remove).strip();
    }

    Map<String, AttributeValue> values() {
        return values;
    }

    private static final Pattern NAME = Pattern.compile("#(\\w+)");

    /**
     * Every {@code #name} the expressions use, bound to the attribute of that name: many attribute names
     * (status, agent, queue) are reserved words, and DynamoDB refuses a placeholder no expression uses.
     */
    static Map<String, String> names(String... expressions) {
        Map<String, String> names = new HashMap<>();
        Matcher name = NAME.matcher(String.join(" ", expressions));
        while (name.find()) {
            names.put(name.group(), name.group(1));
        }
        return names;
    }

    private void bind(String attribute, AttributeValue value) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
    }
}
