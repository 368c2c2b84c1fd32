package io.janela.adapters.dynamodb;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The items of one Query, fetched a page at a time as the caller reads on, never ahead. */
final class IndexPages implements Iterator<Map<String, AttributeValue>> {

    private final DynamoDbClient dynamo;
    private final UnaryOperator<QueryRequest.Builder> query;
    private final Deque<Map<String, AttributeValue>> page = new ArrayDeque<>();
    private Map<String, AttributeValue> startKey;
    private boolean exhausted;

    IndexPages(DynamoDbClient dynamo, UnaryOperator<QueryRequest.Builder> query) {
        this.dynamo = dynamo;
        this.query = query;
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty() && !exhausted) {
            QueryResponse response = dynamo.query(query.apply(QueryRequest.builder())
                    .exclusiveStartKey(startKey)
                    .build());
            page.addAll(response.items());
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
            exhausted = startKey == null;
        }
        return !page.isEmpty();
    }

    /** The next item, without taking it. */
    Map<String, AttributeValue> peek() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.peekFirst();
    }

    @Override
    public Map<String, AttributeValue> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.removeFirst();
    }
}
