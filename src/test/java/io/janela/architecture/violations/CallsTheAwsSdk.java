package io.janela.architecture.violations;

/** Breaks the application's rule on purpose: a use case that talks to DynamoDB through the AWS SDK, named fully qualified. */
public final class CallsTheAwsSdk {

    public int tables(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) {
        return dynamo.listTables().tableNames().size();
    }
}
