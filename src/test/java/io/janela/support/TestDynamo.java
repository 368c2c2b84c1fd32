package io.janela.support;

import io.janela.local.SamTemplate;
import io.janela.local.TemplateTables;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * The test JVM's in-memory DynamoDB Local ({@link JvmDynamoDbLocal}); every test gets its own fresh
 * tables, created from infra/template.yaml.
 */
public final class TestDynamo {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "janelatest";
    public static final String SECRET_KEY = "janelatestsecret";

    /** The system property that, set to {@code off}, leaves fresh tables without their streams. */
    public static final String TABLE_STREAMS = "test.table-streams";

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
     * Fresh tables as the template makes them; in the whole suite ({@value #TABLE_STREAMS} is
     * {@code off}, set by the {@code whole-suite} profile) without their streams: there, a test that
     * reads a table's stream opens a {@link TableStream}, which turns it on.
     */
    public static Tables freshTables() {
        return create("off".equals(System.getProperty(TABLE_STREAMS)) ? TEMPLATE.withoutStreams() : TEMPLATE);
    }

    /**
     * Fresh tables without their streams: DynamoDB Local looks its stream over on every write, and that
     * grows with every stream record any table of the JVM ever wrote, until a write takes seconds.
     * DynamoDB's streams cost a write nothing, so benchmarks measure on these.
     */
    public static Tables freshTablesWithoutStreams() {
        Tables tables = create(TEMPLATE);
        try (DynamoDbClient dynamo = client()) {
            for (String table : List.of(tables.contacts(), tables.directory())) {
                dynamo.updateTable(request -> request.tableName(table)
                        .streamSpecification(stream -> stream.streamEnabled(false)));
            }
        }
        return tables;
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
