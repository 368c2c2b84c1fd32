package io.janela.adapters.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Items of one table read by key, strongly consistent, in as few BatchGetItem calls as DynamoDB
 * allows (100 keys each); keys DynamoDB leaves unprocessed are asked for again.
 */
final class BatchReads {

    static final int LIMIT = 100;

    private BatchReads() {
    }

    /** The items found, in no particular order; keys with no item are left out. */
    static List<Map<String, AttributeValue>> consistently(DynamoDbClient dynamo, String table,
            List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += LIMIT) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + LIMIT));
            while (!pending.isEmpty()) {
                List<Map<String, AttributeValue>> asked = List.copyOf(pending);
                BatchGetItemResponse response = dynamo.batchGetItem(request -> request.requestItems(
                        Map.of(table, KeysAndAttributes.builder().keys(asked).consistentRead(true).build())));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
            }
        }
        return found;
    }
}
