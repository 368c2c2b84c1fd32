package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EmbeddedDynamoDbTest {

    private static DynamoDbClient client(EmbeddedDynamoDb database, String region) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(database.endpoint()))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("abc", "def")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void localDataSurvivesARestart() throws Exception {
        Path data = Files.createTempDirectory("janela-data");
        int port = EmbeddedDynamoDb.freePort();
        Map<String, String> names = Map.of("ContactsTable", "janela-contacts", "DirectoryTable", "janela-directory");
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("C#1#2"), "sk", AttributeValue.fromS("PROFILE"));

        try (EmbeddedDynamoDb first = EmbeddedDynamoDb.persistent(port, data); DynamoDbClient dynamo = client(first, "us-east-1")) {
            new TemplateTables(SamTemplate.fromClasspath()).createMissing(dynamo, names);
            dynamo.putItem(request -> request.tableName("janela-contacts")
                    .item(Map.of("pk", key.get("pk"), "sk", key.get("sk"), "name", AttributeValue.fromS("Ana"))));
        }
        try (EmbeddedDynamoDb second = EmbeddedDynamoDb.persistent(port, data); DynamoDbClient dynamo = client(second, "sa-east-1")) {
            new TemplateTables(SamTemplate.fromClasspath()).createMissing(dynamo, names); // already there: no error
            assertEquals("Ana", dynamo.getItem(request -> request.tableName("janela-contacts").key(key)).item().get("name").s());
        }
    }
}
