package io.janela.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Cancels transactions the way DynamoDB does when another transaction on one of their items is
 * in flight: {@code TransactionConflict} on the last item, nothing applied. Only transactions of
 * several items, whose last item is the one writers share (a count, a counter). DynamoDB Local
 * serializes transactions, so it never answers this by itself.
 */
public final class ConflictingTransactions implements ExecutionInterceptor {

    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();

    /** The next {@code transactions} transactions of several items are cancelled. */
    public void conflictNext(int transactions) {
        remaining.set(transactions);
    }

    public int cancelled() {
        return cancelled.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest transaction && transaction.transactItems().size() > 1
                && remaining.getAndDecrement() > 0) {
            int items = transaction.transactItems().size();
            List<CancellationReason> reasons = new ArrayList<>(
                    Collections.nCopies(items - 1, CancellationReason.builder().code("None").build()));
            reasons.add(CancellationReason.builder().code("TransactionConflict")
                    .message("Transaction is ongoing for the item").build());
            cancelled.incrementAndGet();
            String message = "Transaction cancelled, please refer cancellation reasons for specific reasons "
                    + reasons.stream().map(CancellationReason::code).toList();
            throw TransactionCanceledException.builder()
                    .message(message)
                    .cancellationReasons(reasons)
                    .statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb")
                            .errorCode("TransactionCanceledException").errorMessage(message).build())
                    .build();
        }
    }
}
