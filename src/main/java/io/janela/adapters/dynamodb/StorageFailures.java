package io.janela.adapters.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** Tells a write DynamoDB can never take from a failure worth trying again. */
final class StorageFailures {

    private StorageFailures() {
    }

    /**
     * DynamoDB's ValidationException: an item over 400 KB, a key over its size limit, a value of
     * the wrong kind. The same write will be refused the same way every time.
     */
    static boolean permanent(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DynamoDbException dynamo && dynamo.awsErrorDetails() != null
                    && "ValidationException".equals(dynamo.awsErrorDetails().errorCode())) {
                return true;
            }
        }
        return false;
    }
}
