package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.DirectoryStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.template.TemplateStatusChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link DirectoryStore} on the directory table: one item per template. */
@ApplicationScoped
public class DynamoDirectoryStore implements DirectoryStore {

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoDirectoryStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().directory());
    }

    public DynamoDirectoryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void recordTemplateStatus(TemplateStatusChange change) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", s(change.status()),
                ":at", epoch(change.at()),
                ":name", s(change.name()),
                ":language", s(change.language())));
        String update = "SET #status = :status, statusAt = :at, templateName = :name, #language = :language";
        if (change.reason() != null) {
            values.put(":reason", s(change.reason()));
            update += ", reason = :reason";
        } else {
            update += " REMOVE reason";
        }
        String expression = update;
        try {
            dynamo.updateItem(request -> request
                    .tableName(table)
                    .key(Map.of("pk", s("TEMPLATE#" + change.name() + "#" + change.language()), "sk", s("TEMPLATE")))
                    .updateExpression(expression)
                    .conditionExpression("attribute_not_exists(statusAt) OR statusAt <= :at")
                    .expressionAttributeNames(Map.of("#status", "status", "#language", "language"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException stale) {
            // Meta reported a newer review of this template already
        }
    }
}
