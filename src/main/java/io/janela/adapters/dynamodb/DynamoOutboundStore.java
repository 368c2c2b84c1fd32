package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.bool;
import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.outbound.OutboundStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link OutboundStore} in the contacts table: {@code OUT#<wamid>} beside the contact's other items,
 * the same item the webhook's statuses update. A send Meta refused has no wamid and is kept
 * under Janela's own message id.
 */
@ApplicationScoped
public class DynamoOutboundStore implements OutboundStore {

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoOutboundStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts());
    }

    public DynamoOutboundStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void recordOutbound(OutboundRecord record) {
        Expression update = new Expression()
                .set(ContactItems.PHONE_NUMBER_ID, s(record.contact().phoneNumberId()))
                .set("messageId", s(record.messageId()))
                .set("sentBy", s(record.sentBy()))
                .set("activeMessage", bool(record.activeMessage()))
                .setIfAbsent("acceptedAt", epoch(record.at()));
        record.wamid().ifPresent(wamid -> update.set("wamid", s(wamid)));
        record.campaign().ifPresent(campaign -> update.set("campaign", s(campaign)));
        record.retryOf().ifPresent(original -> update.set("retryOf", s(original)));
        record.templateCategory().ifPresent(category -> update.set("templateCategory", s(category)));
        content(update, record.content());
        if (record.failure().isPresent()) {
            MetaError error = record.failure().get();
            update.set("status", s(DeliveryStatus.FAILED.metaName()))
                    .set("statusRank", n(DeliveryStatus.FAILED.rank()))
                    .set("failedAt", epoch(record.at()))
                    .set("errors", AttributeValue.fromL(List.of(MetaErrors.item(error))));
        } else {
            // the webhook may have reported a later status already: never move it back
            update.setIfAbsent("status", s(DeliveryStatus.ACCEPTED.metaName()))
                    .setIfAbsent("statusRank", n(DeliveryStatus.ACCEPTED.rank()));
        }
        String id = record.wamid().orElse(record.messageId());
        update.set(ContactItems.MSG_AT, ContactItems.msgAt(record.at(), ContactItems.OUTBOUND_PREFIX + id));
        dynamo.updateItem(update.applyTo(UpdateItemRequest.builder()
                .tableName(table)
                .key(ContactItems.outboundKey(record.contact(), id)), null).build());
    }

    private static void content(Expression update, OutboundContent content) {
        if (content instanceof OutboundContent.Text text) {
            update.set("kind", s("text")).set("text", s(text.body()));
        } else if (content instanceof OutboundContent.Template template) {
            update.set("kind", s("template"))
                    .set("templateName", s(template.name()))
                    .set("templateLanguage", s(template.language()))
                    .set("parameters", AttributeValue.fromL(template.parameters().stream().map(Attributes::s).toList()));
        }
    }

    @Override
    public boolean scheduleRetry(ContactKey contact, String wamid, Instant retryAt) {
        return ConditionalUpdate.applied(dynamo, request -> request
                .tableName(table)
                .key(ContactItems.outboundKey(contact, wamid))
                .updateExpression("SET dueShard = :shard, dueAt = :at, retryScheduledAt = :at")
                // one retry only: never for a retry, never twice for the same message
                .conditionExpression("#kind = :template AND attribute_not_exists(retryScheduledAt)"
                        + " AND attribute_not_exists(retryOf)")
                .expressionAttributeNames(Map.of("#kind", "kind"))
                .expressionAttributeValues(Map.of(
                        ":shard", s(ContactItems.RETRY_SHARD),
                        ":at", epoch(retryAt),
                        ":template", s("template"))));
    }

    @Override
    public List<ScheduledRetry> dueRetries(Instant now, int limit) {
        return dynamo.query(request -> request
                        .tableName(table)
                        .indexName(ContactItems.DUE_INDEX)
                        .keyConditionExpression("dueShard = :shard AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(":shard", s(ContactItems.RETRY_SHARD), ":now", epoch(now)))
                        .limit(limit))
                .items().stream()
                .map(keys -> new ScheduledRetry(ContactItems.contactOf(keys), keys.get(ContactItems.SK).s()
                        .substring(ContactItems.OUTBOUND_PREFIX.length()), Attributes.requiredInstant(keys, "dueAt")))
                .toList();
    }

    @Override
    public Optional<OutboundRecord> claimRetry(ScheduledRetry retry) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.updateItem(request -> request
                    .tableName(table)
                    .key(ContactItems.outboundKey(retry.contact(), retry.wamid()))
                    .updateExpression("REMOVE dueShard, dueAt")
                    .conditionExpression("attribute_exists(dueShard)")
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException takenByAnother) {
            return Optional.empty();
        }
        List<String> parameters = Attributes.strings(item, "parameters");
        OutboundContent.Template template = new OutboundContent.Template(
                Attributes.required(item, "templateName"), Attributes.required(item, "templateLanguage"), parameters);
        return Optional.of(new OutboundRecord(retry.contact(), Attributes.required(item, "messageId"),
                Optional.of(retry.wamid()), template, Attributes.string(item, "templateCategory"),
                Attributes.flag(item, "activeMessage"), Attributes.required(item, "sentBy"),
                Attributes.string(item, "campaign"), Attributes.requiredInstant(item, "acceptedAt"),
                Optional.empty(), Optional.empty()));
    }

    /** Meta's errors as stored on outbound items, by the webhook and by refused sends alike. */
    static final class MetaErrors {
        private MetaErrors() {
        }

        static AttributeValue item(MetaError error) {
            Map<String, AttributeValue> fields = new HashMap<>();
            fields.put("code", n(error.code()));
            Optional.ofNullable(error.title()).ifPresent(title -> fields.put("title", s(title)));
            Optional.ofNullable(error.message()).ifPresent(message -> fields.put("message", s(message)));
            Optional.ofNullable(error.details()).ifPresent(details -> fields.put("details", s(details)));
            return AttributeValue.fromM(fields);
        }

        static MetaError of(Map<String, AttributeValue> fields) {
            return new MetaError(Attributes.number(fields, "code").orElse(0L).intValue(),
                    Attributes.string(fields, "title").orElse(null), Attributes.string(fields, "message").orElse(null),
                    Attributes.string(fields, "details").orElse(null));
        }
    }
}
