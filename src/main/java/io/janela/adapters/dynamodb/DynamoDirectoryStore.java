package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.DirectoryStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.template.TemplateStatusChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** {@link DirectoryStore} on the directory table: one item per template, one counter per day. */
@ApplicationScoped
public class DynamoDirectoryStore implements DirectoryStore {

    /** A day's counter is only written during that day; a week later it is clutter. */
    private static final Duration COUNTER_KEPT = Duration.ofDays(7);

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
    public long nextProtocolSequence(LocalDate day) {
        long expires = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(COUNTER_KEPT).getEpochSecond();
        Map<String, AttributeValue> updated = dynamo.updateItem(request -> request
                .tableName(table)
                .key(Map.of("pk", s("PROTOCOL#" + day.format(DateTimeFormatter.BASIC_ISO_DATE)), "sk", s("COUNTER")))
                .updateExpression("ADD #sequence :one SET #expires = :expires")
                .expressionAttributeNames(Map.of("#sequence", "sequence", "#expires", ContactItems.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":one", n(1), ":expires", n(expires)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(updated.get("sequence").n());
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
