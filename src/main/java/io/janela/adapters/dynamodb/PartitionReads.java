package io.janela.adapters.dynamodb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a few items of one table in a single round trip, by sort key. */
final class PartitionReads {

    private final DynamoDbClient dynamo;
    private final String table;

    PartitionReads(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Strongly consistent: the intake must see the writes of the delivery before it. By sort key. */
    Map<String, Map<String, AttributeValue>> consistently(List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> bySortKey = new HashMap<>();
        BatchReads.consistently(dynamo, table, keys).forEach(item -> bySortKey.put(item.get(ContactItems.SK).s(), item));
        return bySortKey;
    }
}
