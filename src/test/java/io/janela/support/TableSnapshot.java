package io.janela.support;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every item of a table, in key order, as comparable text: "the same state" made checkable. */
public final class TableSnapshot {

    private TableSnapshot() {
    }

    public static List<String> of(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(request -> request.tableName(table).consistentRead(true)).items().stream()
                .map(TableSnapshot::render)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private static String render(Map<String, AttributeValue> item) {
        return new TreeMap<>(item).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
