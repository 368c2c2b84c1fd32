package io.janela.support;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Registered on the application's DynamoDB client in function tests
 * ({@code quarkus.dynamodb.interceptors}): while on, every write fails before it leaves.
 */
public class DynamoFailureSwitch implements ExecutionInterceptor {

    private static volatile int failAfterWrites = -1;
    private static volatile int writes;

    /** Let {@code allowed} writes through, then fail every one after them. */
    public static void failAfter(int allowed) {
        writes = 0;
        failAfterWrites = allowed;
    }

    public static void off() {
        failAfterWrites = -1;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Object request = context.request();
        boolean write = request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof TransactWriteItemsRequest;
        if (write && failAfterWrites >= 0 && writes++ >= failAfterWrites) {
            throw SdkClientException.create("injected: DynamoDB is unreachable");
        }
    }
}
