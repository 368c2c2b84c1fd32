package io.janela.support;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Makes the n-th DynamoDB write of a client fail, the way networks fail: either before the
 * request leaves, or after DynamoDB applied it but before the answer arrives.
 */
public final class FailingWrites implements ExecutionInterceptor {

    public enum When { BEFORE_SENDING, AFTER_APPLYING }

    private final int failingWrite;
    private final When when;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean fired;

    public FailingWrites(int failingWrite, When when) {
        this.failingWrite = failingWrite;
        this.when = when;
    }

    /** Counts writes and never fails: how many writes one clean delivery makes. */
    public static FailingWrites counting() {
        return new FailingWrites(Integer.MAX_VALUE, When.BEFORE_SENDING);
    }

    /** Whether the failure happened: a write DynamoDB refused has no answer to lose. */
    public boolean fired() {
        return fired;
    }

    public int writes() {
        return writes.get();
    }

    private static boolean isWrite(Object request) {
        return request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof TransactWriteItemsRequest;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (isWrite(context.request()) && writes.incrementAndGet() == failingWrite && when == When.BEFORE_SENDING) {
            fired = true;
            throw SdkClientException.create("injected: write " + failingWrite + " never reached DynamoDB");
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (isWrite(context.request()) && writes.get() == failingWrite && when == When.AFTER_APPLYING) {
            fired = true;
            throw SdkClientException.create("injected: write " + failingWrite + " applied, answer lost");
        }
    }
}
