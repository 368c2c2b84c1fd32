package io.janela.adapters.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads a few items of one table in a single round trip, by sort key. */
final class PartitionReads {

    private final DynamoDbClient dynamo;
    private final String table;

    PartitionReads(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Strongly consistent: the intake must see the writes of the delivery before it. */
    Map<String, Map<String, AttributeValue>> consistently(List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> bySortKey = new HashMap<>();
        List<Map<String, AttributeValue>> pending = new ArrayList<>(keys);
        while (!pending.isEmpty()) {
            List<Map<String, AttributeValue>> asked = List.copyOf(pending);
            BatchGetItemResponse response = dynamo.batchGetItem(request -> request.requestItems(
                    Map.of(table, KeysAndAttributes.builder().keys(asked).consistentRead(true).build())));
            response.responses().getOrDefault(table, List.of())
                    .forEach(item -> bySortKey.put(item.get(ContactItems.SK).s(), item));
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
            pending = unprocessed == null ? List.of() : unprocessed.keys();
        }
        return bySortKey;
    }
}
