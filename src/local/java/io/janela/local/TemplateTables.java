package io.janela.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/** Creates the template's DynamoDB tables, under the names the configuration gives them. */
public final class TemplateTables {

    /** The template's logical ids and the setting naming each table. */
    public static final Map<String, String> LOGICAL_IDS = Map.of(
            "ContactsTable", "janela.tables.contacts",
            "DirectoryTable", "janela.tables.directory");

    private final SamTemplate template;
    private final boolean streams;

    public TemplateTables(SamTemplate template) {
        this(template, true);
    }

    private TemplateTables(SamTemplate template, boolean streams) {
        this.template = template;
        this.streams = streams;
    }

    /**
     * The same tables with their streams left off, for tests that never read a stream: DynamoDB Local
     * looks over every stream record of the server on each write, so a server whose tables all keep
     * streams gets slower with every write, which DynamoDB's streams never cost.
     */
    public TemplateTables withoutStreams() {
        return new TemplateTables(template, false);
    }

    /** The stream the template gives the table {@code logicalId}, if any. */
    public Optional<StreamSpecification> stream(String logicalId) {
        return Optional.ofNullable(template.tables().get(logicalId)).flatMap(TemplateTables::stream);
    }

    /** Creates each table that does not exist yet; {@code names} maps logical id to table name. */
    public void createMissing(DynamoDbClient dynamo, Map<String, String> names) {
        template.tables().forEach((logicalId, properties) -> {
            String name = names.get(logicalId);
            if (name == null) {
                throw new IllegalStateException("no table name given for " + logicalId + " of infra/template.yaml");
            }
            try {
                dynamo.createTable(createRequest(name, properties));
            } catch (ResourceInUseException exists) {
                return;
            }
            JsonNode ttl = properties.path("TimeToLiveSpecification");
            if (ttl.path("Enabled").asBoolean(false)) {
                dynamo.updateTimeToLive(request -> request.tableName(name).timeToLiveSpecification(spec -> spec
                        .attributeName(ttl.path("AttributeName").asText())
                        .enabled(true)));
            }
        });
    }

    CreateTableRequest createRequest(String name, JsonNode properties) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        properties.path("AttributeDefinitions").forEach(attribute -> attributes.add(AttributeDefinition.builder()
                .attributeName(attribute.path("AttributeName").asText())
                .attributeType(attribute.path("AttributeType").asText())
                .build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        properties.path("GlobalSecondaryIndexes").forEach(index -> {
            JsonNode projection = index.path("Projection");
            List<String> nonKey = new ArrayList<>();
            projection.path("NonKeyAttributes").forEach(attribute -> nonKey.add(attribute.asText()));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.path("IndexName").asText())
                    .keySchema(keySchema(index.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(projection.path("ProjectionType").asText())
                            .nonKeyAttributes(nonKey.isEmpty() ? null : nonKey)
                            .build())
                    .build());
        });
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.fromValue(properties.path("BillingMode").asText("PAY_PER_REQUEST")))
                .attributeDefinitions(attributes)
                .keySchema(keySchema(properties.path("KeySchema")));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        if (streams) {
            stream(properties).ifPresent(request::streamSpecification);
        }
        return request.build();
    }

    private static Optional<StreamSpecification> stream(JsonNode properties) {
        JsonNode stream = properties.path("StreamSpecification");
        if (!stream.has("StreamViewType")) {
            return Optional.empty();
        }
        return Optional.of(StreamSpecification.builder()
                .streamEnabled(true)
                .streamViewType(stream.path("StreamViewType").asText())
                .build());
    }

    private static List<KeySchemaElement> keySchema(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        schema.forEach(key -> keys.add(KeySchemaElement.builder()
                .attributeName(key.path("AttributeName").asText())
                .keyType(key.path("KeyType").asText())
                .build()));
        return keys;
    }
}
