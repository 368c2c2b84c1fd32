package io.janela.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the Quarkus DynamoDB client at the test DynamoDB Local, on tables of its own. */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return settings(TestDynamo.endpoint(), TestDynamo.freshTables());
    }

    /** The Quarkus DynamoDB client at {@code endpoint} (DynamoDB Local, or something in front of it), on {@code tables}. */
    public static Map<String, String> settings(String endpoint, TestDynamo.Tables tables) {
        return Map.of(
                "quarkus.dynamodb.endpoint-override", endpoint,
                "quarkus.dynamodb.aws.region", TestDynamo.REGION,
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", TestDynamo.ACCESS_KEY,
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", TestDynamo.SECRET_KEY,
                "janela.tables.contacts", tables.contacts(),
                "janela.tables.directory", tables.directory());
    }

    @Override
    public void stop() {
        // the tables go with the in-memory server when the test JVM ends
    }
}
