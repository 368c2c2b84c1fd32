package io.janela.support;

import io.janela.local.EmbeddedDynamoDb;
import io.janela.local.SamTemplate;
import io.janela.local.TemplateTables;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One in-memory DynamoDB Local for the whole test JVM; every test gets its own fresh tables,
 * created from infra/template.yaml.
 */
public final class TestDynamo {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "janelatest";
    public static final String SECRET_KEY = "janelatestsecret";

    private static final AtomicInteger TABLE_SETS = new AtomicInteger();
    private static EmbeddedDynamoDb server;

    private TestDynamo() {
    }

    public record Tables(String contacts, String directory) {
    }

    public static synchronized String endpoint() {
        if (server == null) {
            server = EmbeddedDynamoDb.inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server.endpoint();
    }

    public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> {
                    for (ExecutionInterceptor interceptor : interceptors) {
                        config.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    /**
     * Fresh tables without their streams: DynamoDB Local looks its stream over on every write, and that
     * grows with every stream record any table of the JVM ever wrote, until a write takes seconds.
     * DynamoDB's streams cost a write nothing, so benchmarks measure on these.
     */
    public static Tables freshTablesWithoutStreams() {
        Tables tables = freshTables();
        try (DynamoDbClient dynamo = client()) {
            for (String table : List.of(tables.contacts(), tables.directory())) {
                dynamo.updateTable(request -> request.tableName(table)
                        .streamSpecification(stream -> stream.streamEnabled(false)));
            }
        }
        return tables;
    }

    public static Tables freshTables() {
        int set = TABLE_SETS.incrementAndGet();
        Tables tables = new Tables("contacts-" + set, "directory-" + set);
        try (DynamoDbClient dynamo = client()) {
            new TemplateTables(SamTemplate.fromClasspath()).createMissing(dynamo,
                    Map.of("ContactsTable", tables.contacts(), "DirectoryTable", tables.directory()));
        }
        return tables;
    }
}
