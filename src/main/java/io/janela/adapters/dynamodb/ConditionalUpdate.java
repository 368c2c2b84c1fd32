package io.janela.adapters.dynamodb;

import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A conditional UpdateItem whose refusal is an answer, not an error: a newer value already
 * stored, a lease held elsewhere, a mark already made. True when the update was applied.
 */
final class ConditionalUpdate {

    private ConditionalUpdate() {
    }

    static boolean applied(DynamoDbClient dynamo, UpdateItemRequest request) {
        try {
            dynamo.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    static boolean applied(DynamoDbClient dynamo, Consumer<UpdateItemRequest.Builder> request) {
        return applied(dynamo, UpdateItemRequest.builder().applyMutation(request).build());
    }
}
