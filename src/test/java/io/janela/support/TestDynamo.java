package io.janela.support;

import io.janela.local.SamTemplate;
import io.janela.local.TemplateTables;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * One in-memory DynamoDB Local for the whole test JVM ({@link JvmDynamoDbLocal}), the Quarkus
 * applications' included; every test gets its own fresh tables, created from infra/template.yaml.
 */
public final class TestDynamo {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "janelatest";
    public static final String SECRET_KEY = "janelatestsecret";

    private static final TemplateTables TEMPLATE = new TemplateTables(SamTemplate.fromClasspath());
    /** Each table's name is its prefix and the number of its set. */
    private static final Map<String, String> PREFIXES = Map.of("ContactsTable", "contacts", "DirectoryTable", "directory");

    private TestDynamo() {
    }

    public record Tables(String contacts, String directory) {
    }

    public static String endpoint() {
        return JvmDynamoDbLocal.endpoint();
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
     * Fresh tables without their streams ({@link TemplateTables#withoutStreams}): a test that reads
     * a table's stream opens a {@link TableStream}, which turns it on.
     */
    public static Tables freshTables() {
        return create(TEMPLATE.withoutStreams());
    }

    /**
     * Fresh tables with their streams, as deployed: for benchmarks whose times were measured so.
     * Every write of the JVM gets slower with each record these streams keep.
     */
    public static Tables freshTablesWithStreams() {
        return create(TEMPLATE);
    }

    /** Turns on the stream the template gives {@code table} (one of these tables), unless it is on. */
    public static void turnStreamOn(String table) {
        String logicalId = PREFIXES.entrySet().stream()
                .filter(prefix -> table.startsWith(prefix.getValue() + "-"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(table + " is no table of TestDynamo's"));
        StreamSpecification stream = TEMPLATE.stream(logicalId)
                .orElseThrow(() -> new IllegalStateException("infra/template.yaml gives " + logicalId + " no stream"));
        try (DynamoDbClient dynamo = client()) {
            StreamSpecification now = dynamo.describeTable(request -> request.tableName(table)).table().streamSpecification();
            if (now == null || !Boolean.TRUE.equals(now.streamEnabled())) {
                dynamo.updateTable(request -> request.tableName(table).streamSpecification(stream));
            }
        }
    }

    private static Tables create(TemplateTables template) {
        int set = JvmDynamoDbLocal.nextTableSet();
        Tables tables = new Tables(PREFIXES.get("ContactsTable") + "-" + set, PREFIXES.get("DirectoryTable") + "-" + set);
        try (DynamoDbClient dynamo = client()) {
            template.createMissing(dynamo, Map.of("ContactsTable", tables.contacts(), "DirectoryTable", tables.directory()));
        }
        return tables;
    }
}
