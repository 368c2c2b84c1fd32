package io.janela.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered on the application's DynamoDB client ({@code quarkus.dynamodb.interceptors}): every
 * call, as {@code dynamodb:Operation on table} (the request's table, or each table a batch names).
 */
public class DynamoCallLog implements ExecutionInterceptor {

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();

    public static void clear() {
        CALLS.clear();
    }

    public static List<String> calls() {
        return List.copyOf(CALLS);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = "dynamodb:" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        Optional<String> table = request.getValueForField("TableName", String.class);
        if (table.isPresent()) {
            CALLS.add(operation + " on " + table.get());
            return;
        }
        Map<?, ?> batch = request.getValueForField("RequestItems", Map.class).orElse(Map.of());
        if (batch.isEmpty()) {
            CALLS.add(operation + " on ?");
        }
        batch.keySet().forEach(name -> CALLS.add(operation + " on " + name));
    }
}
