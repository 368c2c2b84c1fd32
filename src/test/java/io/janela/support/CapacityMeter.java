package io.janela.support;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Asks DynamoDB for {@code ConsumedCapacity} on every call the code makes and adds it up, table
 * and indexes included. A refused conditional write reports no capacity (DynamoDB answers with an
 * error), although AWS bills it one write unit per KB: those are counted apart, as refusals.
 */
public final class CapacityMeter implements ExecutionInterceptor {

    private final DoubleAdder reads = new DoubleAdder();
    private final DoubleAdder writes = new DoubleAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder refusals = new LongAdder();
    private final Queue<String> operations = new ConcurrentLinkedQueue<>();
    private final Map<String, DoubleAdder> indexWrites = new ConcurrentHashMap<>();

    public double readUnits() {
        return reads.sum();
    }

    public double writeUnits() {
        return writes.sum();
    }

    /** The write units one global secondary index took, of {@link #writeUnits()}. */
    public double writeUnits(String index) {
        DoubleAdder units = indexWrites.get(index);
        return units == null ? 0 : units.sum();
    }

    public long requests() {
        return requests.sum();
    }

    /** Refused conditional writes and cancelled transactions. */
    public long refusals() {
        return refusals.sum();
    }

    /** Each call made, in order: its operation, and for a Query or Scan the index it read ("Query AgentTickets"). */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    public void reset() {
        operations.clear();
        refusals.reset();
        reads.reset();
        writes.reset();
        requests.reset();
        indexWrites.clear();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        operations.add(operation(request));
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof BatchGetItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof ScanRequest scan) {
            return scan.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof UpdateItemRequest update) {
            return update.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof TransactWriteItemsRequest transaction) {
            return transaction.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof BatchWriteItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(indexes).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        requests.increment();
        Object response = context.response();
        if (response instanceof GetItemResponse get) {
            addReads(List.of(nullSafe(get.consumedCapacity())));
        } else if (response instanceof BatchGetItemResponse batch) {
            addReads(batch.consumedCapacity());
        } else if (response instanceof QueryResponse query) {
            addReads(List.of(nullSafe(query.consumedCapacity())));
        } else if (response instanceof ScanResponse scan) {
            addReads(List.of(nullSafe(scan.consumedCapacity())));
        } else if (response instanceof PutItemResponse put) {
            addWrites(List.of(nullSafe(put.consumedCapacity())));
        } else if (response instanceof UpdateItemResponse update) {
            addWrites(List.of(nullSafe(update.consumedCapacity())));
        } else if (response instanceof TransactWriteItemsResponse transaction) {
            addWrites(transaction.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse batch) {
            addWrites(batch.consumedCapacity());
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        requests.increment();
        SdkRequest request = context.request();
        if (request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof TransactWriteItemsRequest) {
            refusals.increment();
        }
    }

    private static String operation(SdkRequest request) {
        String name = request.getClass().getSimpleName().replaceFirst("Request$", "");
        if (request instanceof QueryRequest query && query.indexName() != null) {
            return name + " " + query.indexName();
        }
        if (request instanceof ScanRequest scan && scan.indexName() != null) {
            return name + " " + scan.indexName();
        }
        return name;
    }

    private static ConsumedCapacity nullSafe(ConsumedCapacity capacity) {
        return capacity == null ? ConsumedCapacity.builder().build() : capacity;
    }

    private void addReads(List<ConsumedCapacity> capacities) {
        capacities.forEach(capacity -> reads.add(capacity.capacityUnits() == null ? 0 : capacity.capacityUnits()));
    }

    private void addWrites(List<ConsumedCapacity> capacities) {
        capacities.forEach(capacity -> {
            writes.add(capacity.capacityUnits() == null ? 0 : capacity.capacityUnits());
            if (capacity.hasGlobalSecondaryIndexes()) {
                capacity.globalSecondaryIndexes().forEach((index, units) -> indexWrites
                        .computeIfAbsent(index, name -> new DoubleAdder())
                        .add(units.capacityUnits() == null ? 0 : units.capacityUnits()));
            }
        });
    }
}
